import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  aggregateResults,
  leaderboardMarkdown,
  leaderboards,
  leaderboardTable,
  navigatorLayer,
  readResultsFile,
  ResultsFileError,
  reportCsv,
  reportHtml,
  reportMarkdown,
  reportTable,
  type Results,
} from '../../export/index.js';
import { checkArchitectureFile, orThrow, stripControl } from '../../model/index.js';
import { withScenarios } from '../load.js';
import { defaultArchitecturePath } from '../paths.js';
import { CliError, EXIT } from '../exitCodes.js';
import { emit, type Io } from './output.js';

export interface ReportOptions {
  format: 'table' | 'markdown' | 'csv' | 'html' | 'navigator';
  out?: string;
  /** Rank the teams of each drill code instead of aggregating. */
  leaderboard?: boolean;
  /** The architecture whose plan step titles the report uses (default: the built-in one). */
  architecture?: string;
}

/** Files named on the command line, and the *.json files of folders (not recursive). */
export function collectResultFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CliError(`${stripControl(path)}: no such file or folder`);
    }
    if (isDir) {
      for (const name of readdirSync(path).sort())
        if (name.endsWith('.json') && !name.startsWith('.')) files.push(join(path, name));
    } else files.push(path);
  }
  return files;
}

/** A one-line progress bar on stderr, redrawn in place; only on a terminal. */
function progress(io: Io, isTty: boolean, total: number) {
  const status = io.status ?? io.err;
  const enabled = isTty && total >= 20;
  return {
    tick(done: number) {
      if (!enabled || (done % 5 !== 0 && done !== total)) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      status(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} results`);
    },
    end() {
      if (enabled) status('\r\u001b[2K');
    },
  };
}

/**
 * Plan step titles by id, from the architecture the drills were played on (the built-in one
 * unless --architecture), when its id matches theirs: the report names steps, not ids.
 */
function stepTitles(drills: Results[], file: string | undefined): Map<string, string> {
  try {
    const architecture = orThrow(checkArchitectureFile(file ?? defaultArchitecturePath())).model;
    if (!drills.some((d) => d.architecture.id === architecture.id)) return new Map();
    return new Map(architecture.emergency_plan.map((s) => [s.id, s.title]));
  } catch {
    return new Map();
  }
}

export function reportCommand(
  paths: string[],
  options: ReportOptions,
  io: Io,
  isTty = Boolean(process.stderr.isTTY),
): number {
  const files = collectResultFiles(paths);
  if (files.length === 0) throw new CliError('no results files found (*.json)');
  const bar = progress(io, isTty, files.length);
  const drills: Results[] = [];
  // One damaged file is reported and left out; the others still make the report (exit 1).
  const damaged: string[] = [];
  try {
    files.forEach((file, i) => {
      try {
        drills.push(readResultsFile(file));
      } catch (error) {
        if (!(error instanceof ResultsFileError)) throw error;
        damaged.push(error.message);
      }
      bar.tick(i + 1);
    });
  } finally {
    bar.end();
  }
  for (const problem of damaged) io.err(`ttx: skipped: ${problem}\n`);
  if (drills.length === 0)
    throw new CliError(`none of the ${files.length} results file(s) could be read`);
  const status = damaged.length ? EXIT.failure : EXIT.ok;
  if (damaged.length)
    io.err(`ttx: ${damaged.length} of ${files.length} results file(s) left out of the report\n`);
  if (options.leaderboard) {
    if (options.format !== 'table' && options.format !== 'markdown')
      throw new CliError('--leaderboard prints a table or markdown', EXIT.usage);
    const boards = leaderboards(drills);
    emit(
      options.format === 'markdown' ? leaderboardMarkdown(boards) : leaderboardTable(boards),
      options.out,
      io,
    );
    return status;
  }
  if (options.format === 'navigator') {
    emit(
      navigatorLayer(withScenarios(drills, io), `ttx: ${drills.length} drill(s)`),
      options.out,
      io,
    );
    return status;
  }
  const groups = aggregateResults(drills, { stepTitles: stepTitles(drills, options.architecture) });
  const render = { table: reportTable, markdown: reportMarkdown, csv: reportCsv, html: reportHtml }[
    options.format
  ];
  emit(render(groups), options.out, io);
  return status;
}
