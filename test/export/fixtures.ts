import { runDrill } from '../../src/engine/index.js';
import { buildResults, type Results } from '../../src/export/index.js';
import {
  checkArchitectureFile,
  checkRubricFile,
  checkScenarioText,
  orThrow,
  parseDuration,
  type Loaded,
  type Scenario,
} from '../../src/model/index.js';
import { ARCHITECTURE_FILE, defaultScenarioText, ROOT, scenarioVariant } from '../helpers.js';

export const architectureLoaded = () => orThrow(checkArchitectureFile(ARCHITECTURE_FILE));
export const rubricLoaded = () =>
  orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, architectureLoaded().model));

export function scenarioLoaded(text = defaultScenarioText()): Loaded<Scenario> {
  return orThrow(checkScenarioText('scenario.yaml', text, architectureLoaded().model));
}

/** Strings that must stay inert everywhere: a spreadsheet formula, a script, terminal escapes. */
export const HOSTILE =
  '=HYPERLINK("http://evil.example/x","click") <script>alert(1)</script> \u001b]0;pwned\u0007\u001b[31mred';

/** The default scenario with hostile text in its title, an inject title and an objective. */
export function hostileScenario(): Loaded<Scenario> {
  return scenarioLoaded(
    scenarioVariant((doc) => {
      doc.title = HOSTILE;
      const injects = doc.injects as Array<Record<string, unknown>>;
      injects.find((i) => i.id === 'siem-bash-exec')!.title = `+${HOSTILE}`;
      (doc.objectives as Array<Record<string, unknown>>)[0]!.description = `-${HOSTILE}`;
    }),
  );
}

/** An action with a duration text for `at`, as in an action script. */
export interface TestAction {
  at: string;
  do: string;
  target?: string;
  value?: string;
  contact?: string;
  channel?: string;
  text?: string;
}

export function makeResults(
  options: {
    scenario?: Loaded<Scenario>;
    seed?: string;
    actions?: TestAction[];
    trainee?: string;
    team?: string;
    savedAt?: string;
  } = {},
): Results {
  const architecture = architectureLoaded();
  const scenario = options.scenario ?? scenarioLoaded();
  const actions = (options.actions ?? []).map((a) => ({ ...a, at: parseDuration(a.at)! }));
  const seed = options.seed ?? '7';
  const result = runDrill(architecture.model, scenario.model, seed, actions);
  return buildResults({
    architecture,
    scenario,
    rubric: rubricLoaded(),
    seed,
    actions,
    result,
    ...(options.trainee !== undefined ? { trainee: options.trainee } : {}),
    ...(options.team !== undefined ? { team: options.team } : {}),
    ...(options.savedAt !== undefined ? { savedAt: options.savedAt } : {}),
  });
}

export const GOOD_ACTIONS: TestAction[] = [
  { at: '33m', do: 'query-vulnerabilities', target: 'FEServ1' },
  { at: '34m', do: 'plan.confirm' },
  { at: '35m', do: 'escalate', contact: 'soc-provider', channel: 'phone' },
  { at: '36m', do: 'forensic-snapshot', target: 'FEServ1' },
  { at: '37m', do: 'isolate-host', target: 'FEServ1' },
  { at: '38m', do: 'block-ip', target: 'FW1', value: '198.51.100.23' },
  { at: '40m', do: 'note', text: 'CVE-2019-11043 confirmed on FEServ1' },
];
