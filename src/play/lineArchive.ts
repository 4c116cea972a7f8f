import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { LogLine } from '../telemetry/index.js';
import { MemoryChunkStore, type ChunkStore } from './chunkStore.js';

/**
 * Lines per sealed chunk: small enough that sealing one (deflate at level 1, about 0.5 MB of
 * text) fits in a frame, large enough that the deflate window finds the repetition of log lines.
 */
export const ARCHIVE_CHUNK_LINES = 2048;

/** A sealed chunk: where its bytes are kept (see `encode` for their layout). */
interface Chunk {
  readonly store: ChunkStore;
  readonly handle: number;
}

/** Bytes before a chunk's fields: the line count, and padding that keeps the times 8-aligned. */
const HEADER_BYTES = 8;

/**
 * Every line a drill delivered, for the SIEM. A 24-hour drill delivers about a million lines,
 * some 400 bytes each as objects on the heap; the archive keeps them as sealed chunks (texts
 * deflated to about a tenth, plus 16 bytes a line of fields) in a `ChunkStore` (memory, or the
 * unnamed temporary file the TUI gives it) and only the chunk being filled as objects. Reading a
 * sealed chunk inflates it again; the last one read is kept, since readers go through it in order.
 */
export class LineArchive {
  private readonly sealed: Chunk[] = [];
  private open: LogLine[] = [];
  private lengthValue = 0;
  private cached: { index: number; lines: readonly LogLine[] } | undefined;
  /** Component and source names, each stored once (a drill has a few dozen). */
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  /** Where chunks go once `store` refused one (a full disk): memory, for the rest of the drill. */
  private fallback: MemoryChunkStore | undefined;

  constructor(
    private readonly chunkLines = ARCHIVE_CHUNK_LINES,
    private readonly store: ChunkStore = new MemoryChunkStore(),
  ) {}

  get length(): number {
    return this.lengthValue;
  }

  /** Bytes the sealed chunks take (texts and per-line fields), for benchmarks and tests. */
  get sealedBytes(): number {
    return this.store.bytes + (this.fallback?.bytes ?? 0);
  }

  /** Where the sealed chunks are kept ('memory' once the temporary file refused one). */
  get where(): ChunkStore['where'] {
    return this.fallback ? 'memory' : this.store.where;
  }

  push(line: LogLine): void {
    this.open.push(line);
    this.lengthValue += 1;
    if (this.open.length >= this.chunkLines) this.seal();
  }

  /** Lines `from` (inclusive) to `to` (exclusive), in delivery order, like `Array.slice`. */
  slice(from = 0, to = this.lengthValue): LogLine[] {
    const end = Math.min(to, this.lengthValue);
    const out: LogLine[] = [];
    for (let at = Math.max(0, from); at < end;) {
      const chunk = Math.floor(at / this.chunkLines);
      const lines = this.chunk(chunk);
      const offset = at - chunk * this.chunkLines;
      const take = Math.min(lines.length - offset, end - at);
      for (let i = 0; i < take; i++) out.push(lines[offset + i]!);
      at += take;
    }
    return out;
  }

  private chunk(index: number): readonly LogLine[] {
    if (index === this.sealed.length) return this.open;
    if (this.cached?.index === index) return this.cached.lines;
    const lines = this.decode(this.sealed[index]!);
    this.cached = { index, lines };
    return lines;
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  private seal(): void {
    const bytes = this.encode(this.open);
    const store = this.fallback ?? this.store;
    let chunk: Chunk;
    try {
      chunk = { store, handle: store.put(bytes) };
    } catch {
      this.fallback = new MemoryChunkStore();
      chunk = { store: this.fallback, handle: this.fallback.put(bytes) };
    }
    this.sealed.push(chunk);
    this.open = [];
  }

  /**
   * One chunk as bytes: the line count (u32) and padding, each line's time (f64), text length in
   * UTF-16 units (u32) and names (u32: component in the high 16 bits, source in the next 15,
   * malicious in the lowest), then the texts end to end, deflated.
   */
  private encode(lines: readonly LogLine[]): Uint8Array {
    const n = lines.length;
    const texts = deflateRawSync(lines.map((l) => l.text).join(''), { level: 1 });
    const fieldBytes = HEADER_BYTES + 16 * n;
    const out = new Uint8Array(fieldBytes + texts.byteLength);
    new Uint32Array(out.buffer, 0, 1)[0] = n;
    const times = new Float64Array(out.buffer, HEADER_BYTES, n);
    const lengths = new Uint32Array(out.buffer, HEADER_BYTES + 8 * n, n);
    const names = new Uint32Array(out.buffer, HEADER_BYTES + 12 * n, n);
    lines.forEach((line, i) => {
      lengths[i] = line.text.length;
      times[i] = line.t;
      names[i] =
        ((this.nameId(line.component) << 16) |
          (this.nameId(line.source) << 1) |
          +line.malicious) >>>
        0;
    });
    out.set(texts, fieldBytes);
    return out;
  }

  private decode(chunk: Chunk): LogLine[] {
    const kept = chunk.store.get(chunk.handle);
    // Typed-array views need an aligned start; a copy gives one.
    const bytes = kept.byteOffset % 8 === 0 ? kept : kept.slice();
    const n = new Uint32Array(bytes.buffer, bytes.byteOffset, 1)[0]!;
    const times = new Float64Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, n);
    const lengths = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + 8 * n, n);
    const names = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + 12 * n, n);
    const texts = inflateRawSync(bytes.subarray(HEADER_BYTES + 16 * n)).toString('utf8');
    const lines: LogLine[] = [];
    let at = 0;
    for (let i = 0; i < n; i++) {
      const name = names[i]!;
      lines.push({
        t: times[i]!,
        component: this.names[name >>> 16]!,
        source: this.names[(name >>> 1) & 0x7fff]!,
        malicious: (name & 1) === 1,
        text: texts.slice(at, at + lengths[i]!),
      });
      at += lengths[i]!;
    }
    return lines;
  }
}
