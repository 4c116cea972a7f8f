import type { ScenarioEntry } from './scenarioCatalog.js';

/** The incident-101 scenario the picker's "Start here" entry opens in coached mode. */
export const COACH_INTRO_ID = 'intro-static-webshell';

/** An entry played coached, under its own title. */
export function coachedCopy(entry: ScenarioEntry, title: string): ScenarioEntry {
  return { ...entry, coached: true, title, summary: `Coached, turn-based. ${entry.summary}` };
}

/**
 * The picker's list with the coached entries on top: "Start here" (the introductory scenario in
 * coached mode) and, for `ttx play --coach <scenario>`, that scenario coached. Returns the index
 * to preselect: the coached entry when coaching was asked for, else the selected file as before.
 */
export function withCoachEntries(
  catalog: readonly ScenarioEntry[],
  selectedFile: string,
  options: { isCoach: boolean },
): { catalog: ScenarioEntry[]; pickerIndex: number } {
  // A pending entry (listed from its header, not validated yet) counts as playable until its
  // validation says otherwise.
  const intro = catalog.find((e) => e.id === COACH_INTRO_ID && !e.error);
  const selected = catalog.find((e) => e.file === selectedFile);
  const top: ScenarioEntry[] = [];
  if (options.isCoach && selected && !selected.error && selected !== intro)
    top.push(coachedCopy(selected, `Coached: ${selected.title}`));
  if (intro) top.push(coachedCopy(intro, 'Start here: incident response 101 with a coach'));
  const all = [...top, ...catalog];
  const plainIndex = Math.max(0, catalog.indexOf(selected!)) + top.length;
  return { catalog: all, pickerIndex: options.isCoach && top.length > 0 ? 0 : plainIndex };
}
