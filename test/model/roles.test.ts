import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assignAddresses,
  checkArchitectureText,
  componentsWithRole,
  planStepId,
  requiredComponentId,
  type Diagnostic,
} from '../../src/model/index.js';
import { architecture, ARCHITECTURE_FILE } from '../helpers.js';

const shipped = readFileSync(ARCHITECTURE_FILE, 'utf8');
const variant = (from: string | RegExp, to: string) => {
  const text = shipped.replace(from, to);
  expect(text, `the shipped architecture no longer contains ${String(from)}`).not.toBe(shipped);
  return { text, diagnostics: checkArchitectureText('arch.yaml', text).diagnostics };
};
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

describe('roles in architecture.yaml', () => {
  const arch = architecture();

  it('say which components and plan steps play the parts the engine needs', () => {
    expect(requiredComponentId(arch, 'edge-firewall')).toBe('FW1');
    expect(requiredComponentId(arch, 'siem')).toBe('SIEM1');
    expect(componentsWithRole(arch, 'web-front-end').map((c) => c.id)).toEqual([
      'FEServ1',
      'FEServ2',
      'FEServ3',
    ]);
    expect(planStepId(arch, 'confirm')).toBe('confirm');
    expect(planStepId(arch, 'close')).toBe('close');
  });

  it('reject a role the registry does not know, located, with did-you-mean', () => {
    const { text, diagnostics } = variant('roles: [siem]', 'roles: [seim]');
    expect(errors(diagnostics)).toHaveLength(1);
    const [d] = errors(diagnostics);
    expect(d).toMatchObject({
      code: 'unknown-reference',
      line: lineOf(text, 'roles: [seim]'),
      suggestion: 'siem',
    });
    expect(d!.message).toContain('component role "seim"');
  });

  it('reject an unknown plan step role with did-you-mean', () => {
    const { text, diagnostics } = variant('role: confirm,', 'role: confrim,');
    expect(errors(diagnostics)).toHaveLength(1);
    expect(errors(diagnostics)[0]).toMatchObject({
      code: 'unknown-reference',
      line: lineOf(text, 'role: confrim'),
      suggestion: 'confirm',
    });
  });

  it('reject an architecture missing a role the engine needs, naming it', () => {
    const { diagnostics } = variant('    roles: [siem]\n', '');
    const missing = errors(diagnostics).filter((d) => d.code === 'missing-role');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('"siem"');
    expect(missing[0]!.line).toBe(lineOf(shipped, 'components:'));

    const plan = variant('role: close,', 'role: monitor,');
    const messages = errors(plan.diagnostics).map((d) => d.message);
    expect(messages).toContainEqual(expect.stringContaining('no plan step has role "close"'));
    expect(messages).toContainEqual(expect.stringContaining('role "monitor" is already held'));
  });

  it('reject a role only one component may hold on two', () => {
    const { text, diagnostics } = variant('roles: [inner-firewall]', 'roles: [edge-firewall]');
    expect(errors(diagnostics)).toEqual([
      expect.objectContaining({
        code: 'duplicate-role',
        // FW2, the second holder, is the one reported.
        line: text.split('\n').findLastIndex((l) => l.includes('roles: [edge-firewall]')) + 1,
      }),
    ]);
  });
});

describe('addresses from the architecture', () => {
  const arch = architecture();

  it('give the shipped components the addresses of the scenarios’ evidence lines', () => {
    const { addresses, problems } = assignAddresses(arch);
    expect(problems).toEqual([]);
    expect(addresses.get('FEServ1')).toBe('10.0.1.11');
    expect(addresses.get('FEServ3')).toBe('10.0.1.13');
    expect(addresses.get('FW1')).toBe('10.0.0.11');
    expect(addresses.get('SIEM1')).toBe('10.0.5.12');
    expect(arch.addresses).toEqual({
      public_vip: '198.18.0.10',
      bastion: '10.0.5.5',
      internal: ['10.20.0.0/16'],
    });
  });

  it('honour a pinned address and check it against the layer’s network', () => {
    const pinned = variant('    roles: [siem]\n', '    roles: [siem]\n    address: 10.0.5.99\n');
    expect(errors(pinned.diagnostics)).toEqual([]);
    const outside = variant('    roles: [siem]\n', '    roles: [siem]\n    address: 10.0.7.99\n');
    expect(errors(outside.diagnostics)).toEqual([
      expect.objectContaining({
        code: 'address-outside-network',
        line: lineOf(outside.text, 'address: 10.0.7.99'),
      }),
    ]);
    const taken = variant('    roles: [siem]\n', '    roles: [siem]\n    address: 10.0.5.11\n');
    expect(errors(taken.diagnostics).map((d) => d.code)).toEqual(['duplicate-address']);
  });

  it('reject a component that gets no address, and a malformed network', () => {
    const none = variant(', network: 10.0.5.0/24', '');
    expect(errors(none.diagnostics).map((d) => d.message)).toEqual([
      'component LOG1 has no address',
      'component SIEM1 has no address',
    ]);
    const bad = variant('network: 10.0.5.0/24', 'network: 10.0.5.0/33');
    expect(errors(bad.diagnostics)[0]).toMatchObject({
      line: lineOf(bad.text, '10.0.5.0/33'),
      expected: expect.stringContaining('IPv4 network'),
    });
  });
});
