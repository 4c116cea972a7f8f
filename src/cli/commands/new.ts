import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { scaffoldScenario } from '../../authoring/index.js';
import { checkArchitectureFile, orThrow } from '../../model/index.js';
import { writeFileAtomic } from '../../export/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { defaultArchitecturePath } from '../paths.js';
import { schemaPathFor } from '../scenarioFiles.js';

export interface NewOptions {
  out?: string;
  force?: boolean;
  architecture?: string;
}

/** `ttx new <id>`: writes a commented scenario that validates, lints clean and plays as it is. */
export function newCommand(id: string, options: NewOptions, err: (s: string) => void): number {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(id)) {
    throw new CliError(
      `"${id}" is not a valid scenario id (a letter, then letters, digits, ".", "-" or "_")`,
      EXIT.usage,
    );
  }
  const file = options.out ?? `${id}.yaml`;
  if (existsSync(file) && !options.force)
    throw new CliError(`${file} exists; use --force to replace it`);
  const architecture = orThrow(
    checkArchitectureFile(options.architecture ?? defaultArchitecturePath()),
  ).model;
  writeFileAtomic(
    file,
    scaffoldScenario(architecture, { id, schemaPath: schemaPathFor(file), file: basename(file) }),
    { overwrite: options.force === true },
  );
  err(
    `wrote ${file}; next: ttx lint ${file} && ttx test ${file} && ttx run ${file} --autopilot best\n`,
  );
  return 0;
}
