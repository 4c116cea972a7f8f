import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './packageRoot.js';

/**
 * The ATT&CK technique list ttx pins: MITRE ATT&CK Enterprise, one version, shipped as data
 * (data/attack/, reduced from MITRE's STIX bundle by scripts/attack-techniques.mjs). `ttx lint`
 * checks every technique id of a scenario and an evidence template against it.
 */
export const PINNED_ATTACK_VERSION = '18.0';

export interface AttackTechnique {
  name: string;
  /** Absent: an active technique. */
  status?: 'revoked' | 'deprecated';
  /** For a revoked technique: the id that replaces it. */
  revoked_by?: string;
}

export interface AttackCatalog {
  domain: string;
  version: string;
  source: string;
  techniques: Readonly<Record<string, AttackTechnique>>;
}

export function pinnedAttackFile(): string {
  return join(packageRoot(), 'data', 'attack', `enterprise-attack-${PINNED_ATTACK_VERSION}.json`);
}

let pinned: AttackCatalog | undefined;
/** The pinned list, read once per process. */
export function pinnedAttackCatalog(): AttackCatalog {
  return (pinned ??= JSON.parse(readFileSync(pinnedAttackFile(), 'utf8')) as AttackCatalog);
}

/** Technique ids in an attack.mitre.org URL (`/techniques/T1048/002/` is T1048.002). */
export function techniqueOfUrl(url: string): string | undefined {
  const m = /attack\.mitre\.org\/techniques\/(T\d{4})(?:\/(\d{3}))?/i.exec(url);
  return m ? `${m[1]!.toUpperCase()}${m[2] ? `.${m[2]}` : ''}` : undefined;
}

function label(catalog: AttackCatalog, id: string): string {
  const own = catalog.techniques[id];
  const parent = id.includes('.') ? catalog.techniques[id.slice(0, 5)] : undefined;
  if (!own) return id;
  return parent && !parent.status ? `${id} ${parent.name}: ${own.name}` : `${id} ${own.name}`;
}

/**
 * What is wrong with a technique id against the catalog, in words (with the technique's name
 * where the catalog has one), or undefined for an active technique.
 */
export function techniqueProblem(
  catalog: AttackCatalog,
  id: string,
): { message: string; expected?: string } | undefined {
  const pin = `ATT&CK Enterprise v${catalog.version}`;
  const technique = catalog.techniques[id];
  if (technique && !technique.status) return undefined;
  if (technique?.status === 'revoked') {
    const by = technique.revoked_by;
    return {
      message: `${label(catalog, id)} is revoked in ${pin}${by ? `: it became ${label(catalog, by)}` : ''}`,
      ...(by ? { expected: by } : {}),
    };
  }
  if (technique?.status === 'deprecated') {
    return { message: `${label(catalog, id)} is deprecated in ${pin}: it is no longer maintained` };
  }
  const parentId = id.slice(0, 5);
  const parent = id.includes('.') ? catalog.techniques[parentId] : undefined;
  if (parent && !parent.status) {
    const subs = Object.keys(catalog.techniques)
      .filter((k) => k.startsWith(`${parentId}.`) && !catalog.techniques[k]!.status)
      .map((k) => `${k} ${catalog.techniques[k]!.name}`);
    return {
      message: `${id} is not in ${pin}: ${parentId} ${parent.name} has no sub-technique .${id.slice(6)}`,
      ...(subs.length ? { expected: `${parentId} or one of: ${subs.join(', ')}` } : {}),
    };
  }
  return {
    message: `${id} is not a technique of ${pin} (unknown, or retired before it)`,
    expected: `an id from data/attack/enterprise-attack-${catalog.version}.json`,
  };
}
