import { buildProgram, reportError } from '../../src/cli/main.js';

/**
 * Runs a ttx command in this process through the program object, with standard output and error
 * captured: what a user would see and the exit code, without spawning the binary.
 */
export async function ttx(args: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const io = { out: (s: string) => void (stdout += s), err: (s: string) => void (stderr += s) };
  const before = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  try {
    await buildProgram(io).parseAsync([...args], { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    code = reportError(error, io.err);
  } finally {
    process.exitCode = before;
  }
  return { code, stdout, stderr };
}
