import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { importMsel } from '../../authoring/index.js';
import {
  checkArchitectureFile,
  checkScenarioText,
  formatDiagnostic,
  InputError,
  orThrow,
  readInputFile,
} from '../../model/index.js';
import { writeFileAtomic } from '../../export/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { defaultArchitecturePath } from '../paths.js';
import { schemaPathFor } from '../scenarioFiles.js';
import { timelineText } from './timeline.js';

export interface MselImportOptions {
  id?: string;
  out?: string;
  force?: boolean;
  architecture?: string;
}

/** `ttx msel import`: an MSEL CSV -> a scenario skeleton (stdout, or `--out` written atomically). */
export function mselImportCommand(
  csvFile: string,
  options: MselImportOptions,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const architecture = orThrow(
    checkArchitectureFile(options.architecture ?? defaultArchitecturePath()),
  ).model;
  const { text, diagnostic } = readInputFile(csvFile);
  if (diagnostic) throw new InputError([diagnostic]);
  const id =
    options.id ??
    (basename(csvFile)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^[^A-Za-z]+/, '') ||
      'imported');
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(id))
    throw new CliError(`"${id}" is not a valid scenario id`, EXIT.usage);
  if (options.out && existsSync(options.out) && !options.force)
    throw new CliError(`${options.out} exists; use --force to replace it`);
  const result = importMsel(csvFile, text!, architecture, {
    id,
    schemaPath: schemaPathFor(options.out),
  });
  if (!result.yaml) throw new InputError(result.diagnostics);
  for (const d of result.diagnostics) err(`${formatDiagnostic(d)}\n`);
  // Say at once whether the skeleton is a valid scenario (it should be; TODOs are plain text).
  const check = checkScenarioText(options.out ?? `${id}.yaml`, result.yaml, architecture);
  for (const d of check.diagnostics) err(`${formatDiagnostic(d)}\n`);
  if (options.out) {
    writeFileAtomic(options.out, result.yaml, { overwrite: options.force === true });
    err(
      `wrote ${options.out}: ${result.yaml.split('\n').length} lines; fill in the TODOs, then ttx lint ${options.out}\n`,
    );
  } else {
    out(result.yaml);
  }
  return check.loaded ? 0 : 1;
}

/** `ttx msel export`: the timeline as MSEL CSV (what `msel import` reads back). */
export function mselExportCommand(
  scenarioArg: string | undefined,
  options: { out?: string; force?: boolean; architecture?: string },
  out: (s: string) => void,
): number {
  const csv = timelineText(scenarioArg, {
    format: 'csv',
    ...(options.architecture ? { architecture: options.architecture } : {}),
  });
  if (options.out) {
    if (existsSync(options.out) && !options.force)
      throw new CliError(`${options.out} exists; use --force to replace it`);
    writeFileAtomic(options.out, csv, { overwrite: options.force === true });
  } else {
    out(csv);
  }
  return 0;
}
