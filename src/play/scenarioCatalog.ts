import {
  checkScenarioFile,
  formatDiagnostic,
  type Architecture,
  type Scenario,
} from '../model/index.js';
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
}

/** Loads every candidate with the model's checker (one YAML loader for the whole product). */
export function loadCatalog(files: readonly string[], architecture: Architecture): ScenarioEntry[] {
  const seen = new Set<string>();
  const entries: ScenarioEntry[] = [];
  for (const file of files) {
    if (seen.has(file)) continue;
    seen.add(file);
    const checked = checkScenarioFile(file, architecture);
    const name = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
    if (checked.loaded) {
      const s = checked.loaded.model;
      entries.push({
        file,
        id: s.id,
        title: clean(s.title),
        difficulty: s.difficulty,
        duration: shortDuration(s.estimated_duration),
        summary: clean(s.summary),
        scenario: s,
        sha256: checked.loaded.sha256,
      });
    } else {
      const first = checked.diagnostics.find((d) => d.severity === 'error');
      entries.push({
        file,
        id: clean(name),
        title: clean(name),
        difficulty: '-',
        duration: '-',
        summary: '',
        error: first
          ? clean(formatDiagnostic(first, { source: false }))
          : `${checked.diagnostics.length} problem(s)`,
      });
    }
  }
  return entries;
}
