import {
  stateEvidence,
  type Architecture,
  type Inject,
  type PathSegment,
  type Scenario,
} from '../model/index.js';
import type { Reporter } from './located.js';

/*
 * One truth, checked statically (decision 0800): every malicious attacker state leaves evidence,
 * and what an inject's text names (a file, an account, an address) is something the evidence
 * produces, so the trainee who greps the logs finds what the alert said.
 */

/** An artefact an inject's text names: what kind, and the text as written. */
export interface NamedArtefact {
  kind: 'file' | 'account' | 'address';
  text: string;
}

const IPV4 =
  /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])/g;
// An absolute path after a space, quote, parenthesis or the start (so "and/or" is no path).
const ABSOLUTE_PATH = /(?<=^|[\s"'(=])(?:\/[\w.%+~-]+)+\/?/g;
// A bare file name with an extension artefacts have (banner-summer.jpg.php, c.sql.gz).
const FILE_NAME =
  /(?<![\w/.-])[\w-]+(?:\.[\w-]+)*\.(?:php\d?|phtml|sh|py|pl|gz|tgz|zip|7z|sql|txt|log|key|pem|conf|bak|so|elf|exe)(?![\w.])/gi;
// An account right after a word that introduces one ("user nginx", "account svc-backup2",
// "administrator "drupaldev""), or one with a separator after "by"/"for"/"(" ("by j.doe", "(ops-admin)").
const ACCOUNT_AFTER_NOUN =
  /\b(?:user|account|administrator|admin)\s+["']?([a-z_][a-z0-9_.-]*[a-z0-9])["']?/g;
const ACCOUNT_AFTER_WORD =
  /(?:\b(?:by|for)\s+|\()["']?([a-z_][a-z0-9_]*[._-][a-z0-9_.-]*[a-z0-9])["']?/g;
// Words that follow "user"/"account" in prose without being an account.
const NOT_ACCOUNTS = new Set([
  'and',
  'or',
  'the',
  'a',
  'an',
  'is',
  'was',
  'has',
  'with',
  'from',
  'of',
  'on',
  'in',
  'at',
  'to',
  'logins',
  'login',
  'accounts',
  'account',
  'names',
  'name',
  'rights',
  'agent',
  'api',
  'ever',
  'e-mail',
  'email',
  'phone',
  'since',
  'that',
  'which',
  'who',
  'whose',
  'used',
  'until',
  'never',
  'now',
  'still',
  'can',
  'may',
]);

function isFileName(text: string): boolean {
  return new RegExp(`^${FILE_NAME.source}$`, 'i').test(text);
}

function matches(text: string, pattern: RegExp, group = 0): string[] {
  return [...text.matchAll(pattern)].map((m) => m[group]!).filter(Boolean);
}

/** The files, accounts and addresses a piece of prose names (deterministic, in text order). */
export function namedArtefacts(text: string): NamedArtefact[] {
  const out: NamedArtefact[] = [];
  const seen = new Set<string>();
  const add = (kind: NamedArtefact['kind'], value: string) => {
    const key = `${kind}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, text: value });
  };
  for (const ip of matches(text, IPV4)) add('address', ip);
  for (const path of matches(text, ABSOLUTE_PATH)) {
    // "/24" is a prefix length, "/s" a rate: not files.
    if (/^\/(\d+|s)$/.test(path)) continue;
    add('file', path.replace(/[/.,;:]+$/, ''));
  }
  for (const name of matches(text, FILE_NAME)) if (!/^\d/.test(name)) add('file', name);
  for (const pattern of [ACCOUNT_AFTER_NOUN, ACCOUNT_AFTER_WORD])
    for (const account of matches(text, pattern, 1))
      if (!NOT_ACCOUNTS.has(account) && !isFileName(account)) add('account', account);
  return out;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every string an evidence item holds (paths, commands, SQL, DNs, users, addresses). */
function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value, decoded(value));
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** What the scenario's evidence can show in the logs, as text to look artefacts up in. */
function producedText(architecture: Architecture, scenario: Scenario): string[] {
  const out: string[] = [...scenario.attacker.source_ips];
  for (const state of scenario.attacker.states)
    for (const item of stateEvidence(state)) strings(item, out);
  // Baseline folders are facts of the architecture, not of the attack.
  for (const baseline of architecture.baselines) if (baseline.path) out.push(baseline.path);
  return out;
}

// Component addresses come from the topology (outside the authoring layer's reach): private
// addresses are left to the coverage tests, which render the logs.
const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.)/;

function isProduced(artefact: NamedArtefact, produced: readonly string[]): boolean {
  if (artefact.kind === 'address' && PRIVATE.test(artefact.text)) return true;
  const wanted = decoded(artefact.text);
  if (artefact.kind === 'account') {
    const word = new RegExp(
      `(^|[^\\w.-])${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`,
    );
    return produced.some((text) => word.test(text));
  }
  return produced.some((text) => text.includes(wanted));
}

/** Injects whose text tells the attack's story: malicious ones, and any that show evidence. */
function tellsTheStory(inject: Inject): boolean {
  return inject.malicious || inject.evidence.length > 0;
}

export function lintEvidence(
  architecture: Architecture,
  scenario: Scenario,
  reachable: ReadonlySet<string>,
  out: Reporter,
): void {
  scenario.attacker.states.forEach((state, i) => {
    if (!state.malicious || !reachable.has(state.id) || stateEvidence(state).length > 0) return;
    out.warn(
      ['attacker', 'states', i, 'id'],
      'telemetry-gap',
      `malicious attacker state "${state.id}" leaves no evidence: no log will show it`,
      'an `evidence:` list (HTTP requests, logins, processes, files... or `use: <template>`)',
    );
  });
  const produced = producedText(architecture, scenario);
  scenario.injects.forEach((inject, i) => {
    if (!tellsTheStory(inject)) return;
    for (const key of ['title', 'body'] as const) {
      const text = inject[key];
      if (text === undefined) continue;
      const path: PathSegment[] = ['injects', i, key];
      for (const artefact of namedArtefacts(text)) {
        if (isProduced(artefact, produced)) continue;
        out.warn(
          path,
          'artefact-without-evidence',
          `inject "${inject.id}" names the ${artefact.kind} ${artefact.text}, which no evidence produces`,
          `an evidence item that shows ${artefact.text}, or text that names what the evidence shows`,
        );
      }
    }
  });
}
