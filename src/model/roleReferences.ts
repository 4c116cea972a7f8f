import type { Architecture } from './architectureSchema.js';
import type { ReferenceChecker } from './crossReferences.js';
import { isRecord, strings } from './crossReferences.js';
import { assignAddresses } from './network.js';
import { closest } from './suggest.js';
import { COMPONENT_ROLE_IDS, componentRoleInfo, PLAN_ROLE_IDS, planRoleInfo } from './roles.js';

/**
 * Roles and addresses of an architecture: every role is one the registry knows (did-you-mean on
 * a typo), a role only one component or step may hold is held once, every role the engine needs
 * is held, and every component gets an address inside its layer's network.
 */
export function checkArchitectureRoles(
  arch: Architecture | undefined,
  raw: unknown,
  check: ReferenceChecker,
): void {
  holders(
    raw,
    'components',
    'roles[]',
    'component role',
    COMPONENT_ROLE_IDS,
    componentRoleInfo,
    check,
  );
  holders(raw, 'emergency_plan', 'role', 'plan step role', PLAN_ROLE_IDS, planRoleInfo, check);
  if (arch) checkAddresses(arch, check);
}

function holders(
  raw: unknown,
  list: 'components' | 'emergency_plan',
  field: string,
  what: string,
  registry: readonly string[],
  info: (role: string) => { description: string; required?: boolean; many?: boolean } | undefined,
  check: ReferenceChecker,
): void {
  const heldBy = new Map<string, string>();
  // A misspelt role is reported once, as a typo, not again as the required role it was meant to be.
  const meant = new Set<string>();
  for (const found of strings(raw, `${list}[].${field}`)) {
    check.ref(found.path, found.value, registry, what);
    if (!registry.includes(found.value)) meant.add(closest(found.value, registry) ?? '');
    const holder = idAt(raw, list, found.path[1]);
    const first = heldBy.get(found.value);
    if (first !== undefined && first !== holder && info(found.value)?.many !== true) {
      check.report(
        found.path,
        'duplicate-role',
        `role "${found.value}" is already held by ${first}`,
        {
          expected: `one ${list === 'components' ? 'component' : 'plan step'} with role "${found.value}"`,
        },
      );
    }
    if (first === undefined) heldBy.set(found.value, holder);
  }
  if (!Array.isArray(isRecord(raw) ? raw[list] : undefined)) return;
  for (const role of registry) {
    const needed = info(role);
    if (!needed?.required || heldBy.has(role) || meant.has(role)) continue;
    const whereTo = list === 'components' ? `roles: [${role}]` : `role: ${role}`;
    check.report(
      [list],
      'missing-role',
      `no ${list === 'components' ? 'component' : 'plan step'} has role "${role}", which the engine needs`,
      {
        expected: `${whereTo} on the ${list === 'components' ? 'component' : 'plan step'} that plays it (${needed.description})`,
        atKey: true,
      },
    );
  }
}

function idAt(raw: unknown, list: string, index: unknown): string {
  const items = isRecord(raw) ? raw[list] : undefined;
  const item = Array.isArray(items) && typeof index === 'number' ? items[index] : undefined;
  return isRecord(item) && typeof item.id === 'string' ? item.id : `#${String(index)}`;
}

function checkAddresses(arch: Architecture, check: ReferenceChecker): void {
  for (const problem of assignAddresses(arch).problems) {
    const at = ['components', problem.component];
    const id = arch.components[problem.component]?.id ?? '';
    switch (problem.code) {
      case 'no-address':
        check.report(at, 'missing-address', `component ${id} has no address`, {
          expected: `address: on the component, or network: on layer ${problem.layer}`,
        });
        break;
      case 'outside-network':
        check.report(
          [...at, 'address'],
          'address-outside-network',
          `address of ${id} is outside layer ${problem.layer}'s network ${problem.network}`,
          {
            expected: `an address in ${problem.network}`,
          },
        );
        break;
      case 'network-full':
        check.report(
          at,
          'network-full',
          `layer ${problem.layer}'s network ${problem.network} has no address left for ${id}`,
          {
            expected: 'a larger network, or address: on the component',
          },
        );
        break;
      case 'duplicate-address':
        check.report(
          at,
          'duplicate-address',
          `${id} gets address ${problem.address}, already ${problem.other}'s`,
          {
            expected: 'each address once',
          },
        );
        break;
    }
  }
}
