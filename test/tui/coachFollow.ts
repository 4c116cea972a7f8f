import type { ActionRequest } from '../../src/engine/index.js';
import type { DrillView } from '../../src/play/projections/drillView.js';

/**
 * What a newcomer does with each hint of the intro scenario: exactly what the hint's text says,
 * nothing more. `wait` is the turn-based "next event" key (n). Tests that follow the hints use
 * this one table, so a hint that stops saying what to do breaks them.
 */
export function introHintAction(hint: string, drill: DrillView): ActionRequest | 'wait' {
  const flagged = drill.context.fired.some((f) => f.id === 'siem-static-name');
  switch (hint) {
    case 'wait-for-signal':
      return 'wait';
    case 'look-at-alert':
      return flagged ? { do: 'query-siem', target: 'FEServ2' } : 'wait';
    case 'confirm-it':
      return { do: 'plan.confirm' };
    case 'escalate':
      return { do: 'escalate', contact: 'soc-provider', channel: 'phone' };
    case 'isolate':
      return { do: 'isolate-host', target: 'FEServ2' };
    case 'close-the-hole':
      return { do: 'enable-waf-rule', target: 'WAF1' };
    case 'snapshot':
      return { do: 'forensic-snapshot', target: 'FEServ2' };
    default:
      throw new Error(`the test does not know what hint ${hint} asks for`);
  }
}
