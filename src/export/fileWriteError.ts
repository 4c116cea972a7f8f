/** What went wrong and what to do, per errno code of a failed write. */
const ADVICE: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space or write to another folder',
  EDQUOT: 'the disk quota is used up; free some space or write to another folder',
  EACCES: 'permission denied; write to a folder you own or fix its permissions',
  EPERM: 'the operation is not permitted; write to a folder you own or fix its permissions',
  EROFS: 'the file system is read-only; write to another folder',
  ENOENT: 'the folder does not exist; create it or choose another',
  ENOTDIR: 'a part of the path is a file, not a folder; choose another path',
  EISDIR: 'that path is a folder; give a file name',
  EEXIST: 'the file exists and is not replaced; choose another name',
  EMFILE: 'too many open files; close some programs and try again',
  EIO: 'an input/output error on the disk; check the disk and try again',
  ELOOP: 'the path has a symbolic link loop; choose another path',
  ENAMETOOLONG: 'the file name is too long; choose a shorter one',
};

/**
 * A file could not be written. The message names the file and says what to do; the CLI prints
 * it on standard error and exits 1 (never as an internal error). `code` is the errno code.
 */
export class FileWriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly file: string,
    reason?: string,
    code?: string,
  ) {
    const advice = code !== undefined ? ADVICE[code] : undefined;
    const why =
      reason ?? (advice ? `${advice} (${code})` : `the write failed (${code ?? 'unknown error'})`);
    super(`cannot write ${file}: ${why}`);
    this.name = 'FileWriteError';
    this.code = code;
  }
}

/** The advice for an errno code, if it is one a user can act on. */
export function fileErrorAdvice(code: string | undefined): string | undefined {
  return code === undefined ? undefined : ADVICE[code];
}
