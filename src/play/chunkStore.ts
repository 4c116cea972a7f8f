import {
  closeSync,
  mkdtempSync,
  openSync,
  readSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a `LineArchive` keeps its sealed chunks: bytes in, a handle out, the bytes back. */
export interface ChunkStore {
  /** Keeps `bytes`; throws when it cannot (the archive then keeps them in memory). */
  put(bytes: Uint8Array): number;
  get(handle: number): Uint8Array;
  /** Bytes kept so far. */
  readonly bytes: number;
  readonly where: 'memory' | 'temporary file';
}

/** Chunks as buffers in the process (outside the JS heap, inside its resident memory). */
export class MemoryChunkStore implements ChunkStore {
  readonly where = 'memory';
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  get bytes(): number {
    return this.size;
  }

  put(bytes: Uint8Array): number {
    this.chunks.push(bytes);
    this.size += bytes.byteLength;
    return this.chunks.length - 1;
  }

  get(handle: number): Uint8Array {
    return this.chunks[handle]!;
  }
}

// The file descriptor of a store nobody holds any more is closed (its data goes with it).
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to give back.
  }
});

/**
 * Chunks appended to a temporary file that has no name: created private (0600) and unlinked at
 * once, so the data lives only as long as the open descriptor and nothing is left behind, not
 * even after a SIGKILL. Read back through the page cache, which the kernel may drop and re-read;
 * it is not the process's resident memory, so a 24-hour drill's archive no longer grows it.
 */
export class TempFileChunkStore implements ChunkStore {
  readonly where = 'temporary file';
  private readonly spans: { offset: number; length: number }[] = [];
  private size = 0;

  private constructor(private readonly fd: number) {
    openFiles.register(this, fd);
  }

  /** A store in the system's temporary folder, or undefined where one cannot be made unnamed. */
  static open(folder = tmpdir()): TempFileChunkStore | undefined {
    let dir: string | undefined;
    let fd: number | undefined;
    try {
      dir = mkdtempSync(join(folder, 'ttx-archive-'));
      const file = join(dir, 'chunks');
      fd = openSync(file, 'wx+', 0o600);
      // Where an open file cannot be unlinked (Windows), this throws and memory is used instead.
      unlinkSync(file);
      rmdirSync(dir);
      return new TempFileChunkStore(fd);
    } catch {
      if (fd !== undefined) closeSync(fd);
      if (dir !== undefined) removeQuietly(dir);
      return undefined;
    }
  }

  get bytes(): number {
    return this.size;
  }

  put(bytes: Uint8Array): number {
    let written = 0;
    while (written < bytes.byteLength)
      written += writeSync(
        this.fd,
        bytes,
        written,
        bytes.byteLength - written,
        this.size + written,
      );
    this.spans.push({ offset: this.size, length: bytes.byteLength });
    this.size += bytes.byteLength;
    return this.spans.length - 1;
  }

  get(handle: number): Uint8Array {
    const { offset, length } = this.spans[handle]!;
    const out = new Uint8Array(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, out, read, length - read, offset + read);
      if (n === 0) throw new Error(`the SIEM archive's temporary file ended early`);
      read += n;
    }
    return out;
  }
}

function removeQuietly(dir: string): void {
  try {
    unlinkSync(join(dir, 'chunks'));
  } catch {
    // Not created, or gone already.
  }
  try {
    rmdirSync(dir);
  } catch {
    // Left for the system's temporary-folder cleaning; it holds nothing.
  }
}

/** The store a played drill's archive uses: an unnamed temporary file, else memory. */
export function drillArchiveStore(): ChunkStore {
  return TempFileChunkStore.open() ?? new MemoryChunkStore();
}
