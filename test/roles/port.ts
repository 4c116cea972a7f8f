import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ROOT } from '../helpers.js';

export const SECOND_DIR = `${ROOT}test/fixtures/second-architecture/`;
export const SECOND_ARCHITECTURE_FILE = `${SECOND_DIR}architecture.yaml`;

interface PortMap {
  components: Record<string, string | null>;
  plan_steps: Record<string, string>;
}

export const portMap = (): PortMap =>
  parse(readFileSync(`${SECOND_DIR}port.yaml`, 'utf8')) as PortMap;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A scenario or action script written for architecture.yaml, ported onto the second architecture:
 * component ids mapped (one without a counterpart is dropped from flow lists such as `targets:`,
 * and an action line aimed at it goes),
 * plan step ids mapped where the file names a step (`plan.<id>`, `plan_step: <id>`). Prose keeps
 * its words; only ids change.
 */
export function portText(text: string, map: PortMap = portMap()): string {
  let out = text;
  for (const [from, to] of Object.entries(map.components)) {
    const id = `(?<![\\w.-])${escape(from)}(?![\\w-])`;
    // An action aimed at a component with no counterpart has nothing to act on: the line goes.
    if (to === null)
      out = out.replace(new RegExp(`^\\s*- \\{[^}\\n]*target: ${id}[^}\\n]*\\}\\s*\\n`, 'gm'), '');
    out =
      to === null
        ? out.replace(new RegExp(`,\\s*${id}`, 'g'), '').replace(new RegExp(`${id},\\s*`, 'g'), '')
        : out.replace(new RegExp(id, 'g'), to);
  }
  for (const [from, to] of Object.entries(map.plan_steps)) {
    out = out
      .replace(new RegExp(`\\bplan\\.${escape(from)}(?![\\w-])`, 'g'), `plan.${to}`)
      .replace(new RegExp(`(plan_step:\\s*)${escape(from)}(?![\\w-])`, 'g'), `$1${to}`);
  }
  return out;
}

/** The shipped id a ported id came from (to compare outcomes across the two architectures). */
export function unport(value: unknown, map: PortMap = portMap()): unknown {
  const back = new Map<string, string>();
  for (const [from, to] of Object.entries(map.components)) if (to) back.set(to, from);
  for (const [from, to] of Object.entries(map.plan_steps)) back.set(`plan.${to}`, `plan.${from}`);
  for (const [from, to] of Object.entries(map.plan_steps)) back.set(to, from);
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' ? (back.get(v) ?? v) : v,
  );
}
