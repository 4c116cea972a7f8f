import { parse as parseCsv } from 'csv-parse/sync';
import { Document, isScalar, parse as parseYaml, visit } from 'yaml';
import {
  conditionSchema,
  formatDuration,
  parseDuration,
  PLAN_ACTION_PREFIX,
  stripControl,
  TECHNICAL_ACTION_KINDS,
  type Architecture,
  type Diagnostic,
  type SimMs,
} from '../model/index.js';
import { conditionInput } from './conditionText.js';

/** Which MSEL column headers (lower case) feed which field; the first match wins. */
const HEADERS: Record<string, readonly string[]> = {
  id: ['inject id', 'id', 'inject #', 'inject no', 'inject no.', 'inject number'],
  time: [
    'time',
    'scenario time',
    'time (elapsed)',
    'elapsed',
    'elapsed time',
    'delivery time',
    'trigger',
    'time / trigger',
  ],
  type: ['inject type', 'type', 'delivery method', 'method', 'inject mode', 'mode'],
  from: ['from', 'source', 'sender'],
  to: ['to', 'about', 'recipient', 'recipients', 'target'],
  title: ['title', 'synopsis', 'subject', 'inject title'],
  description: ['description', 'inject description', 'message', 'details', 'body', 'inject'],
  expected: [
    'expected action',
    'expected response',
    'expected player action',
    'expected player response',
    'expected outcome',
  ],
  severity: ['severity'],
  malicious: ['malicious'],
  condition: ['condition'],
};
const IGNORED = new Set(['serial', '#', 'no', 'no.', 'est. time', 'estimated time']);

const TYPES: Record<string, string> = {
  alert: 'alert',
  'siem alert': 'alert',
  alarm: 'alert',
  log: 'log',
  'log entry': 'log',
  news: 'news',
  media: 'news',
  press: 'news',
  'news report': 'news',
  call: 'call',
  phone: 'call',
  'phone call': 'call',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  ticket: 'ticket',
  'help desk ticket': 'ticket',
};
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];

export interface MselImportOptions {
  /** The new scenario's id. */
  id: string;
  /** `$schema` path for the yaml-language-server comment. */
  schemaPath: string;
}

export interface MselImport {
  /** The scenario skeleton (YAML), when the CSV could be read. */
  yaml?: string;
  diagnostics: Diagnostic[];
}

interface Row {
  line: number;
  cells: Map<string, string>;
  raw: string[];
}

type Trigger =
  | { at: SimMs }
  | { on_enter: string; delay?: SimMs }
  | { on_action: string; on_target?: string; delay?: SimMs }
  | { manual: true };

/** Reads the MSEL time column: `6m`, `00:06`, `T+00:06:00`, `on_enter s +1m`, `on_action a [t] +1m`, `manual`. */
export function parseTrigger(text: string): Trigger | undefined {
  const words = text.trim().split(/\s+/);
  const delayOf = (word: string | undefined) =>
    word?.startsWith('+') ? parseDuration(word.slice(1)) : undefined;
  if (words[0] === 'manual' && words.length === 1) return { manual: true };
  if (words[0] === 'on_enter' && words[1] && words.length <= 3) {
    const delay = delayOf(words[2]);
    if (words[2] !== undefined && delay === undefined) return undefined;
    return { on_enter: words[1], ...(delay ? { delay } : {}) };
  }
  if (words[0] === 'on_action' && words[1] && words.length <= 4) {
    const rest = words.slice(2);
    const delay =
      rest.length && rest[rest.length - 1]!.startsWith('+') ? delayOf(rest.pop()) : undefined;
    if (rest.length > 1 || (delay === undefined && words.slice(2).some((w) => w.startsWith('+'))))
      return undefined;
    return {
      on_action: words[1],
      ...(rest[0] ? { on_target: rest[0] } : {}),
      ...(delay ? { delay } : {}),
    };
  }
  if (words.length !== 1) return undefined;
  const word = words[0]!.replace(/^T\+/, '').replace(/^\+/, '');
  const clock = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/.exec(word);
  if (clock)
    return { at: ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3] ?? 0)) * 1000 };
  const duration = parseDuration(word);
  return duration === undefined ? undefined : { at: duration };
}

/** The inverse of `formatExpected`: `id: action [target | contact channel] within 45m - why`. */
export function parseExpected(line: string): Record<string, string> | undefined {
  const match =
    /^([A-Za-z][\w.-]*): ([A-Za-z][\w.-]*)((?: [A-Za-z][\w.-]*)*) within (\S+)(?: - (.*))?$/s.exec(
      line.trim(),
    );
  if (!match || parseDuration(match[4]!) === undefined) return undefined;
  const [, id, action, who = '', within, why] = match;
  const words = who.trim().split(' ').filter(Boolean);
  const out: Record<string, string> = { id: id!, action: action! };
  if (action === 'escalate') {
    if (words.length !== 2) return undefined;
    out.contact = words[0]!;
    out.channel = words[1]!;
  } else if (words.length === 1) out.target = words[0]!;
  else if (words.length > 1) return undefined;
  out.within = within!;
  out.why = why ?? 'TODO: why this response matters';
  return out;
}

function unquoteFormula(text: string): string {
  return /^'[=+\-@\t\r\n]/.test(text) ? text.slice(1) : text;
}

function slug(text: string, taken: Set<string>): string {
  const base = `inject-${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)}`.replace(/-+$/, '');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Turns a Master Scenario Events List (CSV, columns like common MSEL templates) into a scenario
 * skeleton: the injects with their timing, sources and expected responses, stub attacker states
 * and actions for what they reference, and TODO comments where a person must decide.
 * Pure: (CSV text, architecture) -> YAML text and located diagnostics.
 */
export function importMsel(
  file: string,
  text: string,
  architecture: Architecture,
  options: MselImportOptions,
): MselImport {
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  const report = (
    severity: Diagnostic['severity'],
    line: number,
    column: number,
    code: string,
    message: string,
    expected?: string,
  ) =>
    diagnostics.push({
      file,
      line,
      column,
      severity,
      code,
      message: stripControl(message),
      sourceLine: stripControl(lines[line - 1] ?? '').slice(0, 400),
      ...(expected ? { expected } : {}),
    });
  if (text.includes('\u0000')) {
    report('error', 1, 1, 'binary-file', 'the file contains NUL bytes', 'a CSV text file');
    return { diagnostics };
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    report('error', e.lines ?? 1, 1, 'csv-syntax', e.message ?? 'the CSV cannot be read');
    return { diagnostics };
  }
  if (records.length === 0) {
    report(
      'error',
      1,
      1,
      'csv-empty',
      'no header row',
      `a header row with columns such as Time, Inject type, From, To, Description, Expected action`,
    );
    return { diagnostics };
  }
  const header = records[0]!.record.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' '));
  const columnOf = new Map<string, number>();
  for (const [field, names] of Object.entries(HEADERS)) {
    const index = names.map((n) => header.indexOf(n)).find((i) => i >= 0);
    if (index !== undefined) columnOf.set(field, index);
  }
  const used = new Set(columnOf.values());
  header.forEach((h, i) => {
    if (!used.has(i) && !IGNORED.has(h) && h !== '')
      report(
        'warning',
        records[0]!.info.lines,
        1,
        'msel-column-ignored',
        `column "${records[0]!.record[i]}" is not imported`,
      );
  });
  if (!columnOf.has('time') || (!columnOf.has('title') && !columnOf.has('description'))) {
    report(
      'error',
      records[0]!.info.lines,
      1,
      'msel-columns',
      'the header lacks a time column or a description/title column',
      'columns Time and Description (or Title)',
    );
    return { diagnostics };
  }

  const rows: Row[] = records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    raw: record,
    cells: new Map(
      [...columnOf].map(([field, index]) => [
        field,
        unquoteFormula(stripControl(record[index] ?? '')).trim(),
      ]),
    ),
  }));

  const components = new Set(architecture.components.map((c) => c.id));
  const contacts = new Set(architecture.contacts.map((c) => c.id));
  const plan = new Set(architecture.emergency_plan.map((s) => `${PLAN_ACTION_PREFIX}${s.id}`));
  const builtIn = new Set(['escalate', 'declare-severity', 'note', 'end', ...plan]);
  const taken = new Set<string>();
  const injects: Array<Record<string, unknown>> = [];
  const injectComments: string[][] = [];
  const expected: Array<Record<string, unknown>> = [];
  const stateEntries = new Map<string, SimMs | undefined>();
  const actionTargets = new Map<string, Set<string>>();
  const columnAt = (row: Row, field: string) => {
    const value = row.raw[columnOf.get(field) ?? 0] ?? '';
    const index = (lines[row.line - 1] ?? '').indexOf(value);
    return index >= 0 ? index + 1 : 1;
  };
  const needAction = (action: string, target?: string) => {
    if (builtIn.has(action)) return;
    const set = actionTargets.get(action) ?? new Set<string>();
    if (target !== undefined) set.add(target);
    actionTargets.set(action, set);
  };

  for (const row of rows) {
    const get = (field: string) => row.cells.get(field) ?? '';
    const type = get('type').toLowerCase();
    const comments: string[] = [];
    const readExpected = (injectId: string | undefined) => {
      for (const line of get('expected')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)) {
        const parsed = parseExpected(line);
        if (parsed) {
          expected.push({ ...parsed, ...(injectId ? { inject: injectId } : {}) });
          needAction(parsed.action!, parsed.target);
        } else {
          comments.push(` TODO MSEL expected action: ${line}`);
        }
      }
    };
    if (type === 'response') {
      readExpected(undefined);
      for (const c of comments)
        report(
          'warning',
          row.line,
          1,
          'msel-free-text',
          `expected action not imported:${c.replace(' TODO MSEL expected action:', '')}`,
        );
      continue;
    }
    const trigger = parseTrigger(get('time'));
    if (!trigger) {
      report(
        'error',
        row.line,
        columnAt(row, 'time'),
        'msel-bad-time',
        `cannot read the time "${get('time')}"`,
        'a time such as 6m, 1h30m, 00:06, T+00:06:00, "on_enter <state> +1m", "on_action <action> [target]" or "manual"',
      );
      continue;
    }
    const description = get('description');
    const title = get('title') || description.split(/\r?\n/)[0]!.slice(0, 200);
    if (!title) {
      report(
        'error',
        row.line,
        1,
        'msel-no-title',
        'the row has neither a title nor a description',
      );
      continue;
    }
    const id =
      get('id') && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(get('id')) && !taken.has(get('id'))
        ? (taken.add(get('id')), get('id'))
        : slug(title, taken);
    const kind = TYPES[type] ?? (type === '' ? 'alert' : undefined);
    if (!kind)
      report(
        'warning',
        row.line,
        columnAt(row, 'type'),
        'msel-unknown-type',
        `inject type "${get('type')}" is not known; imported as an alert`,
        `one of: ${[...new Set(Object.values(TYPES))].join(', ')}`,
      );
    const inject: Record<string, unknown> = { id, type: kind ?? 'alert', title };
    if (description && description !== title) inject.body = description;
    const from = get('from');
    if (components.has(from)) inject.source = from;
    else if (contacts.has(from)) inject.from = from;
    else if (from)
      comments.push(` TODO MSEL from: ${from} (not a component or contact of ${architecture.id})`);
    const to = get('to')
      .split(/[\s,;]+/)
      .filter(Boolean);
    const about = to.filter((t) => components.has(t));
    if (about.length) inject.about = about;
    const others = to.filter((t) => !components.has(t));
    if (others.length) comments.push(` TODO MSEL to: ${others.join(', ')}`);
    const severity = get('severity').toLowerCase();
    if (SEVERITIES.includes(severity)) inject.severity = severity;
    const malicious = get('malicious').toLowerCase();
    if (['no', 'false', 'n'].includes(malicious)) inject.malicious = false;
    if ('at' in trigger) inject.at = formatDuration(trigger.at);
    else if ('on_enter' in trigger) {
      inject.on_enter = trigger.on_enter;
      const est = parseTrigger(row.raw[header.indexOf('est. time')] ?? '');
      const entry = est && 'at' in est ? est.at - (trigger.delay ?? 0) : undefined;
      const known = stateEntries.get(trigger.on_enter);
      stateEntries.set(
        trigger.on_enter,
        known === undefined ? entry : entry === undefined ? known : Math.min(known, entry),
      );
    } else if ('on_action' in trigger) {
      inject.on_action = trigger.on_action;
      if (trigger.on_target) inject.on_target = trigger.on_target;
      needAction(trigger.on_action, trigger.on_target);
    } else inject.manual = true;
    if ('delay' in trigger && trigger.delay) inject.delay = formatDuration(trigger.delay);
    const condition = get('condition');
    if (condition) {
      let parsed: unknown;
      try {
        parsed = parseYaml(condition, { maxAliasCount: 10 });
      } catch {
        parsed = undefined;
      }
      const checked = conditionSchema.safeParse(parsed);
      if (checked.success) inject.when = conditionInput(checked.data);
      else comments.push(` TODO MSEL condition not understood: ${condition}`);
    }
    readExpected(id);
    injects.push(inject);
    injectComments.push(comments);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const yaml = skeletonYaml(architecture, options, file, {
    injects,
    injectComments,
    expected,
    stateEntries,
    actionTargets,
  });
  return { yaml, diagnostics };
}

interface Parts {
  injects: Array<Record<string, unknown>>;
  injectComments: string[][];
  expected: Array<Record<string, unknown>>;
  stateEntries: Map<string, SimMs | undefined>;
  actionTargets: Map<string, Set<string>>;
}

function skeletonYaml(
  architecture: Architecture,
  options: MselImportOptions,
  file: string,
  parts: Parts,
): string {
  // Attacker states in order of entry; each transition takes the time between two entries.
  const states = [...parts.stateEntries].map(([id, entry], i) => ({
    id,
    entry: entry ?? (i + 1) * 15 * 60_000,
  }));
  states.sort((a, b) => a.entry - b.entry);
  // An attack that starts after T+0 opens with a harmless state that lasts until then.
  const opening = states.length && states[0]!.entry > 0 && !parts.stateEntries.has('before-attack');
  const initial = opening ? 'before-attack' : states.length ? states[0]!.id : 'attack';
  const stateList: Array<Record<string, unknown>> = states.length
    ? states.map((s, i) => ({
        id: s.id,
        title: `TODO: what the attacker does in ${s.id}`,
        ...(i + 1 < states.length
          ? {
              next: [
                {
                  to: states[i + 1]!.id,
                  after: formatDuration(Math.max(1000, states[i + 1]!.entry - s.entry)),
                },
              ],
            }
          : { objective: true }),
      }))
    : [{ id: 'attack', title: 'TODO: what the attacker does', objective: true }];
  if (opening) {
    stateList.unshift({
      id: 'before-attack',
      title: 'TODO: what happens before the attack (reconnaissance)',
      malicious: false,
      next: [{ to: states[0]!.id, after: formatDuration(states[0]!.entry) }],
    });
  }
  const actions = [...parts.actionTargets].map(([id, targets]) => {
    const known = id in TECHNICAL_ACTION_KINDS && id !== 'custom';
    return {
      id,
      title: `TODO: ${id}`,
      ...(known ? {} : { kind: 'custom' }),
      ...(targets.size ? { targets: [...targets] } : {}),
      duration: '10m',
      ...(known ? {} : { sets: [`${id}-done`] }),
    };
  });
  const latest = Math.max(
    0,
    ...parts.injects.map((i) => (typeof i.at === 'string' ? (parseDuration(i.at) ?? 0) : 0)),
    ...states.map((s) => s.entry),
  );
  const limit = (Math.floor(latest / 3_600_000) + 2) * 3_600_000;
  const firstStep = [...architecture.emergency_plan].sort((a, b) => a.order - b.order)[0];
  const scenario = {
    id: options.id,
    title: `TODO: title (imported from ${file.replace(/^.*[\\/]/, '')})`,
    status: 'draft',
    summary: 'TODO: two or three sentences on what happens.',
    difficulty: 'medium',
    estimated_duration: formatDuration(limit / 2),
    objectives: [{ id: 'respond', description: 'TODO: what the trainees should achieve.' }],
    briefing: {
      situation: 'TODO: where and when the drill starts.',
      role: 'TODO: who the trainees are.',
    },
    start_time: '2026-01-01T09:00:00Z',
    severity: architecture.severities[0]?.id ?? 'low',
    attacker: { source_ips: ['203.0.113.7'], initial, states: stateList },
    injects: parts.injects,
    ...(actions.length ? { actions } : {}),
    containment: {
      description: 'TODO: what counts as contained.',
      when: firstStep ? { plan_step: firstStep.id } : { contained: true },
    },
    end: { time_limit: formatDuration(limit) },
    ...(parts.expected.length ? { expected: parts.expected } : {}),
  };
  const doc = new Document(scenario);
  // Short lists of ids read best on one line, as in the shipped scenarios.
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaPath}`,
    ` Imported by \`ttx msel import\` from ${stripControl(file.replace(/^.*[\\/]/, ''))}: a skeleton.`,
    ' Fill in every TODO (the attacker states and the containment condition above all), then',
    ' run `ttx validate`, `ttx lint` and `ttx run --autopilot best` on it. See docs/authoring.md.',
  ].join('\n');
  parts.injectComments.forEach((comments, i) => {
    if (comments.length) {
      const node = doc.getIn(['injects', i], true) as { commentBefore?: string } | undefined;
      if (node)
        node.commentBefore = comments.map((c) => stripControl(c).replace(/\n/g, ' ')).join('\n');
    }
  });
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}
