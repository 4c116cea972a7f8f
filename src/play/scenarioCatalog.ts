import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  checkScenarioFile,
  formatDiagnostic,
  parseDuration,
  type Architecture,
  type Scenario,
} from '../model/index.js';
import { coachedCopy } from './coachEntry.js';
import { clean, shortDuration } from './text.js';

/** One line of the scenario picker: a loadable scenario, or why it cannot be played. */
export interface ScenarioEntry {
  file: string;
  id: string;
  title: string;
  difficulty: string;
  duration: string;
  summary: string;
  scenario?: Scenario;
  /** sha256 of the file, for the results file. */
  sha256?: string;
  error?: string;
  /** Played in the incident-101 coached mode (the picker's "Start here" entry, `--coach`). */
  coached?: boolean;
  /**
   * Listed from its header only (`listCatalog`): not validated yet, so neither `scenario` nor
   * `error` is known. `completeEntry` validates it.
   */
  pending?: true;
}

/** Loads every candidate with the model's checker (one YAML loader for the whole product). */
export function loadCatalog(files: readonly string[], architecture: Architecture): ScenarioEntry[] {
  return unique(files).map((file) => checkedEntry(file, architecture));
}

/**
 * The picker's first list, without validating: each file's header (id, title, difficulty,
 * duration, summary) read from its top-level keys, at a few percent of a validation's cost. YAML
 * parsing and checking every scenario took some 400 ms of CPU before the picker's first frame;
 * the TUI now validates the entries after it (`completeEntry`, one per tick) and before a drill
 * starts. A file whose header cannot be read that way is validated at once.
 */
export function listCatalog(files: readonly string[], architecture: Architecture): ScenarioEntry[] {
  return unique(files).map((file) => {
    let header: ReturnType<typeof scenarioHeader>;
    try {
      header = scenarioHeader(readFileSync(file, 'utf8'));
    } catch {
      header = undefined;
    }
    if (!header) return checkedEntry(file, architecture);
    return {
      file,
      id: clean(header.id),
      title: clean(header.title),
      difficulty: clean(header.difficulty),
      duration: shortDuration(parseDuration(header.estimated_duration) ?? 0),
      summary: clean(header.summary),
      pending: true,
    };
  });
}

/**
 * The list with one file validated: every pending entry of that file replaced by its checked
 * entry (a coached entry stays coached, under its own title). The file is validated once, however
 * many entries show it.
 */
export function completeEntries(
  entries: readonly ScenarioEntry[],
  file: string,
  architecture: Architecture,
): ScenarioEntry[] {
  let checked: ScenarioEntry | undefined;
  return entries.map((entry) => {
    if (!entry.pending || entry.file !== file) return entry;
    checked ??= checkedEntry(file, architecture);
    return entry.coached && checked.scenario ? coachedCopy(checked, entry.title) : checked;
  });
}

function unique(files: readonly string[]): string[] {
  return [...new Set(files)];
}

const HEADER_KEYS = ['id', 'title', 'difficulty', 'estimated_duration', 'summary'] as const;
type Header = Record<(typeof HEADER_KEYS)[number], string>;

/**
 * The header keys of a scenario, from its top-level blocks only (a line that starts with
 * `key:` begins a block, which runs to the next such line): YAML-parsed, but a few hundred bytes
 * instead of the whole file. Undefined when a key is missing or is not a string.
 */
export function scenarioHeader(text: string): Header | undefined {
  const blocks: string[] = [];
  let keep = false;
  for (const line of text.split('\n')) {
    const key = /^([A-Za-z_][\w-]*):/.exec(line)?.[1];
    if (key !== undefined) keep = (HEADER_KEYS as readonly string[]).includes(key);
    else if (/^\S/.test(line) && !line.startsWith('#')) keep = false;
    if (keep) blocks.push(line);
  }
  let doc: unknown;
  try {
    doc = parse(blocks.join('\n'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const header = doc as Record<string, unknown>;
  for (const key of HEADER_KEYS) if (typeof header[key] !== 'string') return undefined;
  return header as Header;
}

function checkedEntry(file: string, architecture: Architecture): ScenarioEntry {
  const checked = checkScenarioFile(file, architecture);
  const name = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  if (checked.loaded) {
    const s = checked.loaded.model;
    return {
      file,
      id: s.id,
      title: clean(s.title),
      difficulty: s.difficulty,
      duration: shortDuration(s.estimated_duration),
      summary: clean(s.summary),
      scenario: s,
      sha256: checked.loaded.sha256,
    };
  }
  const first = checked.diagnostics.find((d) => d.severity === 'error');
  return {
    file,
    id: clean(name),
    title: clean(name),
    difficulty: '-',
    duration: '-',
    summary: '',
    error: first
      ? clean(formatDiagnostic(first, { source: false }))
      : `${checked.diagnostics.length} problem(s)`,
  };
}
