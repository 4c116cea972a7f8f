import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so key order (the schema's or the engine's) does not matter. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * `sha256:<hex>` of a results document without its own `digest` and its wall-clock `savedAt`
 * (two saves of the same drill seal alike): a seal that shows the
 * file was edited after it was saved (a text editor leaves it stale). Not a signature: whoever
 * edits the file on purpose can recompute it; `ttx replay` then still re-derives every field
 * the drill determines.
 */
export function resultsDigest(doc: object): string {
  const {
    digest: _digest,
    savedAt: _savedAt,
    ...rest
  } = doc as {
    digest?: unknown;
    savedAt?: unknown;
  };
  return `sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`;
}

/**
 * Where two JSON values differ, as `path: saved <a>, replay <b>` lines (arrays by index,
 * objects by key), at most `limit` of them.
 */
export function jsonDifferences(saved: unknown, replay: unknown, path = '', limit = 12): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (out.length >= limit || canonicalJson(a) === canonicalJson(b)) return;
    const isObject = (v: unknown) => v !== null && typeof v === 'object';
    if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
      if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
          out.push(`${at}: saved ${a.length} items, replay ${b.length}`);
        }
        for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${at}[${i}]`);
        return;
      }
      const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
      for (const key of keys)
        walk(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          at ? `${at}.${key}` : key,
        );
      return;
    }
    out.push(`${at}: saved ${show(a)}, replay ${show(b)}`);
  };
  walk(saved, replay, path);
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
