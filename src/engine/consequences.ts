import { scenarioSchema, type Inject } from '../model/index.js';

/**
 * Injects the engine fires when an action hits the wrong indicator. A scenario may declare an
 * inject with the same id to tell it its own way; otherwise these built-in ones are used.
 */
export const CONSEQUENCE_INJECT_IDS = {
  blockedBystander: 'complaint-blocked-address',
  resetBystander: 'complaint-reset-account',
} as const;

type Written = Pick<Inject, 'id' | 'type' | 'title' | 'body' | 'severity' | 'manual'>;

// Through the scenario schema, so every field an inject gains later gets its default here too.
const builtIn = (inject: Written): Inject =>
  scenarioSchema.shape.injects.parse([{ ...inject, malicious: false }])[0]!;

export const CONSEQUENCE_INJECTS: readonly Inject[] = [
  builtIn({
    id: CONSEQUENCE_INJECT_IDS.blockedBystander,
    type: 'call',
    title: 'Customer service: customers cannot reach the shop since the last block',
    body:
      'Orders from one address stopped right after the firewall change. It belongs to a customer ' +
      '(or a partner), not to the attacker: every blocked customer is lost revenue.',
    severity: 'medium',
    manual: true,
  }),
  builtIn({
    id: CONSEQUENCE_INJECT_IDS.resetBystander,
    type: 'call',
    title: 'A colleague is locked out: their account was reset',
    body:
      'The account you reset is not one the attacker used. Its owner cannot work until the ' +
      'service desk hands out new credentials.',
    severity: 'low',
    manual: true,
  }),
];
