// Lint rules, and the import boundaries that keep data flowing one way:
// model -> engine -> telemetry / scoring -> export -> play / room -> tui / cli.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = [
  'model',
  'engine',
  'evidence',
  'telemetry',
  'investigation',
  'scoring',
  'authoring',
  'export',
  'session',
  'play',
  'room',
  'tui',
  'cli',
];

/** The layers below `layer` in the list above, except those named. */
const below = (layer, ...except) =>
  layers.slice(0, layers.indexOf(layer)).filter((other) => !except.includes(other));

/** Which src folders each folder may import from (besides itself). */
const allowed = {
  model: [],
  engine: ['model'],
  evidence: ['model', 'engine'],
  telemetry: ['model', 'engine', 'evidence'],
  investigation: ['model', 'engine', 'evidence', 'telemetry'],
  scoring: ['model', 'engine', 'evidence'],
  authoring: ['model', 'engine', 'evidence', 'scoring'],
  export: ['model', 'engine', 'evidence', 'scoring', 'telemetry'],
  session: ['model', 'engine'],
  // The play layer: what every front end of a drill needs (the drill session, the simulated clock,
  // the projections, the facilitator's actions), with no React or Ink.
  play: below('play', 'authoring'),
  // The room: UI-agnostic (no React or Ink), shared by the room view and the teams' terminals.
  room: ['model', 'engine', 'scoring', 'export', 'session', 'play'],
  // The views: every layer but the authoring tools (the CLI runs those).
  tui: below('tui', 'authoring'),
  cli: below('cli'),
};

/** The pure core: no I/O, no UI, no wall clock. */
const pure = ['engine', 'evidence', 'telemetry', 'investigation', 'scoring', 'authoring'];

function boundaryRules(layer) {
  const forbidden = layers.filter((other) => other !== layer && !allowed[layer].includes(other));
  const patterns = forbidden.map((other) => ({
    group: [`**/${other}/*`, `../${other}`, `../../${other}`],
    message: `src/${layer} must not depend on src/${other} (see ARCHITECTURE.md).`,
  }));
  if (layer === 'room' || layer === 'play')
    patterns.push({
      group: ['react', 'ink', 'ink-*'],
      message: `src/${layer} has no UI: the views import it.`,
    });
  if (pure.includes(layer)) {
    patterns.push({
      group: [
        'react',
        'ink',
        'ink-*',
        'node:fs',
        'node:fs/*',
        'fs',
        'node:child_process',
        'node:net',
      ],
      message: `src/${layer} is part of the pure core: no UI and no I/O.`,
    });
  }
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'results/**', 'coverage/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // CommonJS: the shipped entry point (bin/package.json, decision 1060) and .cjs scripts.
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', performance: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layers.map(boundaryRules),
  {
    // Commands hand their exit code to buildProgram's exitWith, so tests run them in process;
    // only the binary's entry point sets the process's exit code.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/entry.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'exitCode',
          message: 'Return the exit code (buildProgram passes it to exitWith).',
        },
      ],
    },
  },
  {
    files: [
      'src/engine/**/*.ts',
      'src/evidence/**/*.ts',
      'src/telemetry/**/*.ts',
      'src/investigation/**/*.ts',
      'src/scoring/**/*.ts',
      'src/authoring/**/*.ts',
      'src/model/**/*.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The core owns a simulated clock.' },
        { object: 'Math', property: 'random', message: 'Use a named seedrandom stream.' },
        { object: 'performance', property: 'now', message: 'The core owns a simulated clock.' },
        { object: 'process', property: 'hrtime', message: 'The core owns a simulated clock.' },
        {
          object: 'crypto',
          property: 'randomUUID',
          message: 'Ids in the core derive from the seed.',
        },
        {
          object: 'crypto',
          property: 'getRandomValues',
          message: 'Use a named seedrandom stream.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'performance', message: 'The core owns a simulated clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Even new Date(ms): one that slips to new Date() is the wall clock. Use isoUtc/utcParts.
          selector: "NewExpression[callee.name='Date']",
          message:
            'The core owns a simulated clock: format instants with isoUtc/utcParts (src/model/instant.ts).',
        },
        {
          selector:
            'ImportDeclaration[source.value=/^(node:)?crypto$/] > ImportSpecifier[imported.name=/^random|^getRandomValues$/]',
          message: 'Ids and randomness in the core derive from the seed.',
        },
        {
          selector: 'ImportDeclaration[source.value=/^(node:)?perf_hooks$/]',
          message:
            'The core reads no entropy and no wall clock: use the seed and the simulated clock.',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='hrtime']",
          message: 'The core owns a simulated clock.',
        },
      ],
    },
  },
);
