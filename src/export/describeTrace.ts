import type { ActionRequest, CompiledScenario, TraceEntry } from '../engine/index.js';
import { formatElapsed, stripControl } from '../model/index.js';

/** A trace entry as one short human sentence, with a category for colouring and filtering. */
export interface TraceLine {
  t: number;
  category:
    | 'drill'
    | 'attacker'
    | 'inject'
    | 'action'
    | 'severity'
    | 'traffic'
    | 'containment'
    | 'obligation';
  text: string;
}

export function describeRequest(request: ActionRequest, compiled?: CompiledScenario): string {
  const title =
    compiled?.actions.get(request.do)?.title ?? compiled?.planSteps.get(request.do)?.title;
  const name = title ? `${request.do} (${title})` : request.do;
  const parts = [name];
  if (request.value) parts.push(request.do === 'mark' ? request.value : `-> ${request.value}`);
  if (request.indicator) parts.push(`(${request.indicator})`);
  if (request.target) parts.push(`on ${request.target}`);
  if (request.inject) parts.push(request.inject);
  if (request.contact) parts.push(`to ${request.contact}`);
  if (request.channel) parts.push(`by ${request.channel}`);
  if (request.severity) parts.push(`as ${request.severity}`);
  if (request.text) parts.push(`"${request.text}"`);
  if (request.by) parts.push(`[${request.by}]`);
  return parts.join(' ');
}

export function describeTraceEntry(entry: TraceEntry, compiled?: CompiledScenario): TraceLine {
  const line = (category: TraceLine['category'], text: string): TraceLine => ({
    t: entry.t,
    category,
    text: stripControl(text),
  });
  switch (entry.type) {
    case 'drill.started':
      return line('drill', `drill started; incident severity ${entry.severity}`);
    case 'attacker.entered': {
      const title = compiled?.states.get(entry.state)?.title;
      const extra = [
        entry.compromises.length ? `compromises ${entry.compromises.join(', ')}` : '',
        entry.data.length ? `reaches ${entry.data.join(', ')}` : '',
      ].filter(Boolean);
      return line(
        'attacker',
        `attacker ${entry.again ? 'back ' : ''}-> ${entry.state}${title ? `: ${title}` : ''}${extra.length ? ` (${extra.join('; ')})` : ''}`,
      );
    }
    case 'attacker.blocked':
      return line('attacker', `attacker blocked: ${entry.from} -> ${entry.to} (${entry.reason})`);
    case 'attacker.address-changed':
      return line('attacker', `attacker moved from ${entry.from} to ${entry.to}`);
    case 'inject.fired':
      return line(
        'inject',
        `${entry.kind} [${entry.severity}]${entry.source ? ` ${entry.source}:` : ''} ${entry.title}`,
      );
    case 'inject.suppressed':
      return line('inject', `inject ${entry.inject} did not fire (its condition did not hold)`);
    case 'action.started':
      return line(
        'action',
        `started ${describeRequest(entry.request, compiled)}, done at ${formatElapsed(entry.doneAt)}`,
      );
    case 'action.done':
      return line('action', `done ${describeRequest(entry.request, compiled)}`);
    case 'action.rejected':
      return line(
        'action',
        `rejected ${describeRequest(entry.request, compiled)}: ${entry.reason}`,
      );
    case 'action.misdirected':
      return line(
        'action',
        `misdirected ${describeRequest(entry.request, compiled)}: ${entry.reason}`,
      );
    case 'severity.changed':
      return line('severity', `incident severity ${entry.from} -> ${entry.to} (${entry.cause})`);
    case 'traffic.changed':
      return line('traffic', `traffic ${entry.from} -> ${entry.to}`);
    case 'evidence.lost':
      return line(
        'action',
        `evidence lost: ${entry.component} restored without a forensic snapshot`,
      );
    case 'artefact.placed':
      return line('attacker', `attacker left ${entry.artefact} on ${entry.component}`);
    case 'process.killed':
      return line('action', `${entry.process} ended on ${entry.component}`);
    case 'artefact.removed':
      return line(
        'action',
        `${entry.artefact} gone from ${entry.component} (${entry.by === 'wipe' ? 'wiped with the host' : 'removed'})`,
      );
    case 'secret.exposed':
      return line('attacker', `attacker read secret ${entry.secret}`);
    case 'secret.rotated':
      return line('action', `secret ${entry.secret} rotated`);
    case 'host.restored':
      return line(
        'action',
        `${entry.component} ${entry.how === 'rebuild' ? 'rebuilt from the clean image' : `restored from ${entry.point ?? 'backup'}`}: ${entry.clean ? 'clean' : 'still holds the attacker’s work'}`,
      );
    case 'attacker.reentered':
      return line(
        'attacker',
        `attacker back in through ${entry.kind} ${entry.via} -> ${entry.state}`,
      );
    case 'attacker.spread':
      return line(
        'attacker',
        `attacker spread from ${entry.from} to ${entry.to} (${entry.vulnerability})`,
      );
    case 'incident.closed':
      return line(
        'action',
        entry.gaps.length
          ? `incident closed with ${entry.gaps.length} gap(s): ${entry.gaps.map((g) => `${g.kind}${g.component ? ` ${g.component}` : ''}${g.id ? ` ${g.id}` : ''}`).join(', ')}`
          : 'incident closed: every criterion met',
      );
    case 'contained':
      return line('containment', 'attacker contained');
    case 'containment.lost':
      return line('containment', 'containment lost: the attacker can move again');
    case 'drill.ended':
      return line('drill', `drill ended (${entry.reason})`);
    case 'obligation.started':
      return line(
        'obligation',
        `obligation ${entry.obligation} started (${entry.cause}); due at ${formatElapsed(entry.dueAt)}`,
      );
    case 'obligation.met':
      return line(
        'obligation',
        `obligation ${entry.obligation} met by notifying ${entry.contact}${entry.late ? ' (late)' : ''}`,
      );
    case 'obligation.overdue':
      return line(
        'obligation',
        `obligation ${entry.obligation} overdue: nobody was notified in time`,
      );
    case 'escalation.undelivered':
      return line(
        'action',
        `escalation to ${entry.contact} by ${entry.channel} not delivered: ${entry.reason}`,
      );
    case 'contact.unavailable':
      return line(
        'action',
        `${entry.contact} unavailable (${entry.reason})${entry.backup ? `; backup ${entry.backup}` : ''}`,
      );
  }
}
