import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectKind } from '../../src/cli/commands/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'ttx-kind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const kindOf = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return detectKind(file);
};

describe('what kind of file validate is looking at', () => {
  it.each([
    ['architecture', 'id: a\ncomponents:\n  - id: FW1\n'],
    ['rule', '# a Sigma-style rule\ntitle: x\nlogsource:\n  product: nginx\ndetection: {}\n'],
    ['rubric', 'id: r\ndimensions: []\ngrades: []\n'],
    ['scenario', '---\nid: s\ndescription: |\n  components: in a block scalar\nattacker: {}\n'],
    ['evidence', 'id: e\nevidence: []\n'],
    ['tests', '"scenario": s\ntests: []\n'],
    ['actions', "'actions': []\n"],
  ])('%s, from its top-level keys', (kind, text) => {
    expect(kindOf(`${kind}.yaml`, text)).toBe(kind);
  });

  it('parses when the lines cannot tell: a list, a flow mapping', () => {
    expect(kindOf('log.yaml', '- { at: 1m, do: plan.confirm }\n')).toBe('actions');
    expect(kindOf('flow.yaml', '{ id: a, components: [] }\n')).toBe('architecture');
  });

  it('leaves unknown and broken files to the scenario loader, which locates the problem', () => {
    expect(kindOf('other.yaml', 'hello: world\n')).toBe('scenario');
    expect(kindOf('broken.yaml', 'a: [\n')).toBe('scenario');
    expect(kindOf('empty.yaml', '')).toBe('scenario');
  });

  it('a *.tests.yaml file is tests by its name', () => {
    expect(kindOf('x.tests.yaml', 'components: []\n')).toBe('tests');
  });
});
