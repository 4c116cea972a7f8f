/**
 * Drill codes: a short, speakable code for (scenario, seed), e.g. `fe-bash-rce-7Q2K`, so every team
 * in a workshop runs the identical drill. The seed part is Crockford base32 (no I, L, O, U), four
 * characters: 1,048,576 seeds.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SEED_CHARS = 4;
export const MAX_CODE_SEED = ALPHABET.length ** SEED_CHARS - 1;

export function encodeDrillCode(scenarioId: string, seed: number): string {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_CODE_SEED) {
    throw new RangeError(`a drill code holds a seed from 0 to ${MAX_CODE_SEED}`);
  }
  let part = '';
  for (let rest = seed, i = 0; i < SEED_CHARS; i++, rest = Math.floor(rest / ALPHABET.length)) {
    part = ALPHABET[rest % ALPHABET.length] + part;
  }
  return `${scenarioId}-${part}`;
}

/** Parses a code; letters are case-insensitive and O/I/L read as 0/1/1, as Crockford intends. */
export function decodeDrillCode(code: string): { scenarioId: string; seed: number } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9_.-]*)-([0-9A-Za-z]{4})$/.exec(code.trim());
  if (!match) return undefined;
  const normalised = match[2]!.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  let seed = 0;
  for (const char of normalised) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    seed = seed * ALPHABET.length + value;
  }
  return { scenarioId: match[1]!, seed };
}
