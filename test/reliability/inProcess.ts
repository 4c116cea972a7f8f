import { runTtx } from '../../src/cli/main.js';

/**
 * Runs a ttx command in this process through the program object, with standard output and error
 * captured: what a user would see and the exit code, without spawning the binary.
 */
export async function ttx(args: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runTtx(args, {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
  });
  return { code, stdout, stderr };
}
