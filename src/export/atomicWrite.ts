import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { FileWriteError } from './fileWriteError.js';

export interface CommitOptions {
  /**
   * `false`: never replace an existing file. The fsynced temp file is hard-linked to the target,
   * which the kernel refuses atomically when the name exists (EEXIST): two writers racing for one
   * name cannot both win, and neither can overwrite. Default `true` (rename over the target).
   */
  overwrite?: boolean;
}

const FLUSH_BYTES = 4 * 1024 * 1024;

/**
 * One file written atomically: readers see the old file (or none) or the whole new one, never a
 * part. Bytes go to a temporary file in the target's folder (same file system, so the final step
 * is atomic); `commit` fsyncs it, renames or links it into place and fsyncs the folder, so the
 * new name survives a crash too. `abort` leaves nothing behind. Errors are FileWriteErrors that
 * name the target file.
 */
export class AtomicFile {
  readonly temp: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingSize = 0;

  constructor(readonly path: string) {
    if (path.includes('\u0000')) throw new FileWriteError(path, 'the path contains a NUL byte');
    this.temp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    this.fd = guard(path, () => openSync(this.temp, 'wx', 0o644));
  }

  /** Queues text; written in large blocks. */
  write(text: string): void {
    this.pending.push(text);
    this.pendingSize += text.length;
    if (this.pendingSize >= FLUSH_BYTES) this.flush();
  }

  writeBytes(chunk: Uint8Array): void {
    this.flush();
    this.writeAll(chunk);
  }

  private flush(): void {
    if (this.pending.length) this.writeAll(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingSize = 0;
  }

  private writeAll(data: Uint8Array): void {
    const fd = this.openFd();
    this.guarded(() => {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written);
    });
  }

  private openFd(): number {
    if (this.fd === undefined) throw new FileWriteError(this.path, 'the file was already closed');
    return this.fd;
  }

  /** Runs `step`; on failure removes the temp file and throws a FileWriteError for the target. */
  private guarded<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.abort();
      throw toFileWriteError(this.path, error);
    }
  }

  /** Makes the file durable and puts it in place (see CommitOptions for `overwrite: false`). */
  commit(options: CommitOptions = {}): void {
    this.flush();
    const fd = this.openFd();
    this.guarded(() => {
      fsyncSync(fd);
      closeSync(fd);
      this.fd = undefined;
    });
    this.guarded(() => {
      if (options.overwrite === false) publishExclusive(this.temp, this.path);
      else renameSync(this.temp, this.path);
    });
    fsyncFolder(dirname(this.path));
  }

  /**
   * Like `commit({ overwrite: false })` under the first free name of `names` (tried in order):
   * the result of a concurrent writer that took a name first is never replaced, and this one is
   * never lost. Returns the name used.
   */
  commitUnderFreeName(names: Iterable<string>): string {
    this.flush();
    const fd = this.openFd();
    this.guarded(() => {
      fsyncSync(fd);
      closeSync(fd);
      this.fd = undefined;
    });
    for (const name of names) {
      const taken = this.guarded(() => {
        try {
          publishExclusive(this.temp, name);
          return false;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') return true;
          throw error;
        }
      });
      if (!taken) {
        fsyncFolder(dirname(name));
        return name;
      }
    }
    this.abort();
    throw new FileWriteError(this.path, 'every candidate file name is taken');
  }

  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    rmSync(this.temp, { force: true });
  }
}

/**
 * Gives the finished `temp` the name `target` only if no file has it: link() fails with EEXIST
 * instead of replacing. The temp name is removed afterwards (the content stays under `target`).
 * On a file system without hard links, an exclusive create of the target and a copy (the file
 * may then be seen half-written by a reader, but it still cannot overwrite).
 */
function publishExclusive(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS')
      throw error;
    copyExclusive(temp, target);
  }
  unlinkSync(temp);
}

function copyExclusive(from: string, to: string): void {
  const data = readFileSync(from);
  const fd = openSync(to, 'wx', 0o644);
  try {
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync of the folder makes a rename or link durable; some file systems cannot, which is fine. */
function fsyncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* the rename itself is still atomic */
  }
}

function guard<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw toFileWriteError(file, error);
  }
}

function toFileWriteError(file: string, error: unknown): FileWriteError {
  if (error instanceof FileWriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new FileWriteError(file, undefined, code ?? String(error));
}

/**
 * Writes `text` to `file` atomically (see AtomicFile). With `overwrite: false` an existing file
 * is never replaced: the call fails with a FileWriteError of code EEXIST instead.
 */
export function writeFileAtomic(file: string, text: string, options: CommitOptions = {}): void {
  const out = new AtomicFile(file);
  out.write(text);
  out.commit(options);
}
