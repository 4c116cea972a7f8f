import {
  componentWithRole,
  planStepId,
  type Architecture,
  type ComponentRole,
} from '../model/index.js';

/**
 * The commented scenario `ttx new` writes. It validates, lints clean and plays as it is (a test
 * checks that), so an author starts from something that works and changes one thing at a time.
 * Component, contact and plan-step ids are taken from the architecture it is written for.
 */
const TEMPLATE = `# yaml-language-server: $schema={{schema}}
#
# {{id}}: a new ttx scenario. Every field is explained in docs/authoring.md.
# Check it:  ttx validate {{file}} && ttx lint {{file}} && ttx test {{file}}
# Try it:    ttx run {{file}} --autopilot best     (or: ttx timeline / ttx graph {{file}})

# --- What the drill is (shown in lists and the briefing) ---
id: {{id}}                 # stable id: letters, digits, ".", "-", "_"
title: Commands on a web server after a scan   # TODO: your title
status: draft              # draft | test | stable
summary: >-
  A scan of the shop is followed by commands run on {{web}}. If nobody isolates the host, the
  attacker reaches their goal about forty minutes in.
difficulty: easy           # intro | easy | medium | hard
estimated_duration: 30m    # how long it takes to play (durations: 90s, 15m, 1h30m, 2d)
objectives:                # what the trainees should achieve (at least one)
  - id: detect
    description: Confirm the suspicious commands quickly.
  - id: contain
    description: Isolate the compromised host before the attacker reaches the goal.
briefing:
  situation: Monday morning, 09:00 UTC. The SIEM and the WAF feed your console.
  role: On-call security analyst.
start_time: '2026-06-01T09:00:00Z'   # the simulated wall-clock time at T+0 (UTC)
severity: {{severity}}                  # incident severity at T+0 (a severity of the architecture)
{{category}}

# --- The attacker: a state machine on the simulated clock ---
# The drill starts in \`initial\`. Each state says where the attacker goes next and after how long;
# \`unless\` blocks a move while the response holds (the attacker retries later).
attacker:
  source_ips: [203.0.113.50, 198.51.100.77]   # the seed picks one
  initial: probing
  states:
    - id: probing
      title: Probing the shop for known PHP bugs
      malicious: false       # not an attack yet: containment only counts after the first malicious state
      evidence:              # what it leaves in the logs (docs/authoring.md, Evidence)
        - id: scan
          use: nikto-scan    # a template from evidence/
          on: {{web}}
      next:
        - to: foothold
          after: 10m
          jitter: 2m         # the seed spreads the move over 8m to 12m
          unless: { ip_blocked: true }
    - id: foothold
      title: Commands on {{web}}
      compromises: [{{web}}]
      severity: {{severity2}}          # the incident severity becomes at least this
      evidence:
        - id: shell
          use: php-web-shell
          on: {{web}}
      next:
        - to: goal
          after: 30m
          unless: { isolated: {{web}} }
    - id: goal
      title: The attacker takes what they came for
      objective: true        # reaching it means the attacker won
      evidence:
        - id: exfil
          use: https-exfiltration
          on: {{web}}
          with: { user: nginx, file: /tmp/.s.tgz }

# --- Injects: what the trainees see, and when ---
# Exactly one trigger each: at (time since T+0), on_enter (an attacker state, + delay),
# on_action (a trainee action, optionally on_target, + delay) or manual (the facilitator).
injects:
  - id: scan-alert
    type: alert              # alert | log | news | call | email | ticket
    title: Web scanner activity against the shop
    source: {{waf}}
    about: [{{web}}]
    severity: low            # info | low | medium | high | critical
    at: 5m
    body: Hundreds of requests for known PHP paths from one address.
  - id: shell-alert
    type: alert
    title: Shell spawned by the web server user on {{web}}
    source: {{siem}}
    about: [{{web}}]
    severity: high
    on_enter: foothold
    delay: 2m
    evidence: [shell.shell-commands]   # shows these evidence items' log lines
    explain: A shell started by the web server is rarely legitimate; confirm it, then isolate.
  - id: backup-noise
    type: alert
    title: Nightly backup job ran late
    source: {{siem}}
    severity: low
    malicious: false         # a red herring
    at: 20m
  - id: siem-search
    type: log
    title: 'SIEM search: {{web}} access log'
    source: {{web}}
    on_action: query-siem    # fires when a trainee searches the SIEM for {{web}}
    on_target: {{web}}
    evidence: [shell.shell-requests]

# --- Technical actions the trainees can take (besides plan steps, escalate, notes) ---
actions:
  - id: isolate-host          # the id names its kind; otherwise add kind: <kind>
    title: Isolate host
    targets: [{{web}}]
    duration: 10m
  - id: block-ip
    title: Block the attacker's IP
    targets: [{{fw}}]
    duration: 5m
  - id: query-siem
    title: Search the SIEM
    targets: [{{web}}]
    duration: 5m

# --- When is the attacker contained, and when does the drill end? ---
containment:
  description: The compromised host is isolated.
  when: { isolated: compromised }
end:
  time_limit: 2h            # the drill ends at the latest here

# --- What a good response looks like (due this long after the first malicious event) ---
expected:
  - id: confirm
    action: plan.{{firstStep}}
    inject: shell-alert
    within: 15m
    why: The shell alert is specific; confirming it fast saves the most time.
  - id: isolate
    action: isolate-host
    target: {{web}}
    inject: shell-alert
    within: 25m
    why: Isolating {{web}} stops the attacker before the goal.

# --- Tests: timed action scripts and what must come of them (ttx test) ---
tests:
  - id: good-response
    description: Confirm, then isolate the host.
    seed: 1
    actions:
      - { at: 14m, do: plan.{{firstStep}} }
      - { at: 15m, do: isolate-host, target: {{web}} }
    expect:
      contained: true
      contained_by: 30m
      attacker_not_reached: [goal]
      alerts: [shell-alert]
  - id: no-response
    description: Nobody reacts; the attacker reaches the goal.
    seed: 1
    actions: []
    expect:
      contained: false
      attacker_reached: [foothold, goal]
      objective_reached: true
      end_reason: time-limit
`;

export interface ScaffoldOptions {
  id: string;
  /** Path of the scenario JSON Schema, relative to the new file (for editors). */
  schemaPath: string;
  /** The file name shown in the comments. */
  file: string;
}

/** The scaffold's text for an architecture: the first web server, SIEM, WAF and firewall. */
export function scaffoldScenario(architecture: Architecture, options: ScaffoldOptions): string {
  const first = (role: ComponentRole, fallback: string) =>
    componentWithRole(architecture, role)?.id ?? fallback;
  const web = first('web-front-end', architecture.components[0]!.id);
  const steps = [...architecture.emergency_plan].sort((a, b) => a.order - b.order);
  const values: Record<string, string> = {
    schema: options.schemaPath,
    id: options.id,
    file: options.file,
    web,
    siem: first('siem', web),
    waf: first('waf', web),
    fw: first('edge-firewall', web),
    severity: architecture.severities[0]!.id,
    // Commands on a host: the severity the architecture's signs give a command (else the second).
    severity2: (
      architecture.severities.find((s) => s.signs.includes('commands')) ??
      architecture.severities[1] ??
      architecture.severities[0]!
    ).id,
    firstStep: planStepId(architecture, 'confirm') ?? steps[0]!.id,
    // A web shell is an intrusion: the matrix rules of that category (no DDoS scrubbing call).
    category: architecture.incident_categories.some((c) => c.id === 'intrusion')
      ? 'category: intrusion                # picks the escalation matrix rules that apply'
      : '',
  };
  // {{attacker_ip}} is an inject placeholder for the engine, not for the scaffold.
  return TEMPLATE.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
