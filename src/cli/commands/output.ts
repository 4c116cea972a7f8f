import { resolve } from 'node:path';
import { writeFileAtomic } from '../../export/index.js';
import { stripControl } from '../../model/index.js';
import { CliError } from '../exitCodes.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Raw standard error for our own progress line (CR redraws); default `err`. */
  status?: (s: string) => void;
}

/** Writes a command's output to `--out` atomically, or to standard output. */
export function emit(text: string, outFile: string | undefined, io: Io): void {
  if (outFile === undefined) {
    io.out(text);
    return;
  }
  if (outFile.includes('\u0000')) throw new CliError('the output path contains a NUL byte');
  writeFileAtomic(resolve(outFile), text);
  io.err(`ttx: wrote ${stripControl(outFile)}\n`);
}
