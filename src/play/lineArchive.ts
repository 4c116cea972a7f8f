import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { LogLine } from '../telemetry/index.js';

/**
 * Lines per sealed chunk: small enough that sealing one (deflate at level 1, about 0.5 MB of
 * text) fits in a frame, large enough that the deflate window finds the repetition of log lines.
 */
export const ARCHIVE_CHUNK_LINES = 2048;

/** A sealed chunk: the texts deflated end to end, and per line its time, names and length. */
interface Chunk {
  readonly texts: Buffer;
  /** Length of each text in UTF-16 units: where one ends and the next begins. */
  readonly lengths: Uint32Array;
  readonly times: Float64Array;
  /** Per line: component (high 16 bits), source (next 15) and malicious (lowest bit). */
  readonly names: Uint32Array;
}

/**
 * Every line a drill delivered, for the SIEM. A 24-hour drill delivers about a million lines,
 * some 400 bytes each as objects on the heap; the archive keeps them as deflated chunks (texts
 * about a tenth of their size, outside the heap, plus 20 bytes a line) and only the chunk being
 * filled as objects. Reading a sealed chunk inflates it again; the last one read is kept, since
 * readers go through it in order.
 */
export class LineArchive {
  private readonly sealed: Chunk[] = [];
  private open: LogLine[] = [];
  private lengthValue = 0;
  private cached: { index: number; lines: readonly LogLine[] } | undefined;
  /** Component and source names, each stored once (a drill has a few dozen). */
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();

  constructor(private readonly chunkLines = ARCHIVE_CHUNK_LINES) {}

  get length(): number {
    return this.lengthValue;
  }

  /** Bytes the sealed chunks take (texts and per-line fields), for benchmarks and tests. */
  get sealedBytes(): number {
    let bytes = 0;
    for (const c of this.sealed)
      bytes += c.texts.byteLength + c.lengths.byteLength + c.times.byteLength + c.names.byteLength;
    return bytes;
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
    const lines = this.open;
    const lengths = new Uint32Array(lines.length);
    const times = new Float64Array(lines.length);
    const names = new Uint32Array(lines.length);
    lines.forEach((line, i) => {
      lengths[i] = line.text.length;
      times[i] = line.t;
      names[i] =
        ((this.nameId(line.component) << 16) |
          (this.nameId(line.source) << 1) |
          +line.malicious) >>>
        0;
    });
    const texts = deflateRawSync(lines.map((l) => l.text).join(''), { level: 1 });
    this.sealed.push({ texts, lengths, times, names });
    this.open = [];
  }

  private decode(chunk: Chunk): LogLine[] {
    const texts = inflateRawSync(chunk.texts).toString('utf8');
    const lines: LogLine[] = [];
    let at = 0;
    for (let i = 0; i < chunk.lengths.length; i++) {
      const name = chunk.names[i]!;
      lines.push({
        t: chunk.times[i]!,
        component: this.names[name >>> 16]!,
        source: this.names[(name >>> 1) & 0x7fff]!,
        malicious: (name & 1) === 1,
        text: texts.slice(at, at + chunk.lengths[i]!),
      });
      at += chunk.lengths[i]!;
    }
    return lines;
  }
}
