/**
 * The closed registry of technical action kinds. A scenario declares which of them exist in its
 * drill (with targets, durations and extra flags); the engine knows what each kind does.
 */
export const TECHNICAL_ACTION_KINDS = {
  'isolate-host': 'Cut a host off the network (it stops serving and the attacker loses it).',
  'reconnect-host': 'Bring an isolated host back into service.',
  'block-ip': "Block the attacker's source address at a firewall, the IPS or the WAF.",
  'enable-waf-rule': 'Turn on a WAF rule that stops an exploit pattern.',
  'degrade-traffic': 'Rate-limit and filter traffic on the load balancers (degraded mode).',
  lockdown: 'Close the portal to the internet (full lockdown).',
  'restore-traffic': 'Return to normal traffic after a degradation or lockdown.',
  'forensic-snapshot': 'Take a disk and memory snapshot of a host for the investigation.',
  'reset-credentials': 'Reset the credentials of accounts on a host or the directory.',
  patch: 'Apply the fix for the known vulnerabilities of a component.',
  'restore-backup':
    'Restore a host from a named backup point (value: the point; wipes the evidence; clean only if the point predates the compromise).',
  'rebuild-host':
    'Rebuild a host from the clean image (wipes the evidence and the artefacts; its vulnerabilities are back until patched).',
  'remove-artefact':
    'Remove a persistence artefact from a host (value: its path, account or name, from the notebook).',
  'rotate-secret':
    'Rotate an exposed secret (value: the account or key name, from the notebook); it stops working everywhere.',
  'kill-process':
    'End a process on a host (value: its executable or command as the console shows it); a channel of the attacker it carries dies with it.',
  'query-siem': 'Search the SIEM for related events.',
  'query-vulnerabilities': 'Look the component up in the vulnerability management platform.',
  custom: 'A scenario-specific action; its only effects are the flags it sets.',
} as const;

export type TechnicalActionKind = keyof typeof TECHNICAL_ACTION_KINDS;

/** Actions every drill has, besides the scenario's technical ones. */
export const BUILT_IN_ACTIONS = {
  escalate: 'Tell a contact through a channel (takes the channel’s typical time).',
  'declare-severity': 'Record your assessment of the incident severity.',
  notify:
    'File a formal notification with a recipient (authority, data subjects, acquirer, insurer, law enforcement): contact, optional text.',
  note: 'Write a note into the drill record.',
  decide:
    'Record a decision: the option chosen at a decision point, its owner, rationale and follow-up.',
  end: 'End the drill now.',
  'discussion-only':
    'Run the drill as an executive tabletop: no technical actions, no SIEM search or host console (first action only).',
  search: 'Search the SIEM (the query is the text; costs the architecture’s search time).',
  shell: 'Run a command on a host console (target: the host, text: the command).',
  mark: 'Note an indicator (value) in the notebook, with its kind.',
  'facilitator.inject': 'Facilitator: fire an inject now (trigger now, or a manual inject).',
  'facilitator.skip': 'Facilitator: drop a scheduled inject.',
  'facilitator.hint': 'Facilitator: reveal a hint to the team.',
  'facilitator.observe': 'Facilitator: record an observation for the after-action report.',
  'facilitator.rate':
    'Evaluator: rate an objective P/S/M/U or not evaluated (NE), with observations.',
  'facilitator.pause': 'Facilitator: pause the drill (no simulated time passes until resume).',
  'facilitator.resume': 'Facilitator: resume the drill.',
} as const;

export type BuiltInAction = keyof typeof BUILT_IN_ACTIONS;

/** Emergency-plan steps are actions named `plan.<step id>`. */
export const PLAN_ACTION_PREFIX = 'plan.';
