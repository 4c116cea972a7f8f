import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpv4, inNetwork } from '../../src/model/index.js';
import { architecture, ROOT } from '../helpers.js';

/*
 * The generic core finds its way around an architecture through roles (src/model/roles.ts) and
 * takes addresses from the architecture. This test reads the code of src/ (comments excluded: they
 * may give examples) and fails on any id of the shipped architecture, any of its addresses, or any
 * private address. test/roles/secondArchitecture.test.ts checks the same thing by behaviour.
 */

const arch = architecture();
const componentIds = arch.components.map((c) => c.id);
const stepIds = arch.emergency_plan.map((s) => s.id);
const layerIds = arch.layers.map((l) => l.id);

/** Words that are also ids of the shipped architecture but mean something else in the code. */
const OTHER_MEANINGS: Array<{ text: string; under: string; why: string }> = [
  { text: 'escalate', under: 'src/', why: 'the built-in action `do: escalate`' },
  { text: 'confirm', under: 'src/tui/', why: 'the confirmation modal and its key scope' },
  { text: 'report', under: 'src/cli/', why: 'the `ttx report` command' },
  { text: 'internet', under: 'src/', why: 'the general public as a source (`from: internet`)' },
  {
    text: 'edge',
    under: 'src/evidence/defences.ts',
    why: 'where an address is blocked (edge vs WAF)',
  },
];

const networks = arch.layers.flatMap((l) => (l.network ? [parseCidr(l.network)!] : []));
const declared = new Set([arch.addresses.public_vip, arch.addresses.bastion]);
function isArchitectureAddress(text: string): boolean {
  const value = parseIpv4(text);
  if (value === undefined) return false;
  const [a, b] = text.split('.').map(Number) as [number, number];
  const privateRange = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  return declared.has(text) || privateRange || networks.some((n) => inNetwork(value, n));
}

/** The role lookups of src/model/roles.ts and Topology: their string arguments are roles. */
const ROLE_LOOKUPS = new Set([
  'componentsWithRole',
  'componentWithRole',
  'requiredComponentId',
  'hasRole',
  'planStepWithRole',
  'planStepId',
  'withRole',
  'oneWithRole',
]);

function isRoleArgument(node: ts.Node): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression))
    return false;
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : '';
  return ROLE_LOOKUPS.has(name);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Hit {
  file: string;
  line: number;
  what: string;
}

function scan(file: string, text: string): Hit[] {
  const rel = relative(ROOT, file).replaceAll('\\', '/');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const hits: Hit[] = [];
  const hit = (node: ts.Node, what: string) =>
    hits.push({
      file: rel,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      what,
    });
  const allowed = (word: string) =>
    OTHER_MEANINGS.some((m) => m.text === word && rel.startsWith(m.under));
  const visit = (node: ts.Node): void => {
    // A role handed to a role lookup is a role, even where the shipped ids reuse its name.
    if (isRoleArgument(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const value = node.text;
      for (const id of componentIds)
        if (new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(value)) hit(node, `component id ${id}`);
      for (const id of [...stepIds, ...layerIds]) {
        if (value === id && !allowed(id)) hit(node, `plan step or layer id "${id}"`);
        if (new RegExp(`(?<![\\w-])plan\\.${id}(?![\\w-])`).test(value)) hit(node, `plan.${id}`);
      }
      for (const address of value.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? [])
        if (isArchitectureAddress(address)) hit(node, `address ${address}`);
    }
    if (ts.isPropertyAccessExpression(node) && stepIds.includes(node.name.text)) {
      if (/\bplan\??$/.test(node.expression.getText(source))) hit(node, `plan.${node.name.text}`);
    }
    if (ts.isIdentifier(node) && componentIds.includes(node.text))
      hit(node, `identifier ${node.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

describe('no architecture ids in the core', () => {
  it('src/ names no component, plan step, layer or address of the shipped architecture', () => {
    const hits = sourceFiles(join(ROOT, 'src'))
      // The registry itself names the roles, which the shipped plan's ids reuse.
      .filter((f) => !f.endsWith(join('src', 'model', 'roles.ts')))
      .flatMap((f) => scan(f, readFileSync(f, 'utf8')));
    expect(hits.map((h) => `${h.file}:${h.line}: ${h.what}`)).toEqual([]);
  });

  it('catches each kind of hard-coding (the scan can fail)', () => {
    const sample = [
      "const siem = 'SIEM1';",
      'const done = ctx.plan.confirm?.status;',
      'const a = `${PLAN_ACTION_PREFIX}close`;',
      "if (layer === 'frontend') x();",
      "const vip = '198.18.0.10';",
      'const host = `10.0.${n}.11`;',
      "const ok = a.do === 'escalate'; // FEServ1 in a comment is fine",
      "const id = planStepId(arch, 'confirm');",
    ].join('\n');
    expect(scan(join(ROOT, 'src/engine/x.ts'), sample).map((h) => h.what)).toEqual([
      'component id SIEM1',
      'plan.confirm',
      'plan step or layer id "close"',
      'plan step or layer id "frontend"',
      'address 198.18.0.10',
    ]);
  });
});
