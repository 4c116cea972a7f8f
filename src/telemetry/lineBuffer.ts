/*
 * The byte side of the bulk path: lines are written into one large reused chunk that goes to a
 * sink callback when full (the caller does the I/O; this stays pure). Strings that repeat (client
 * addresses, paths, user agents, timestamps) are encoded once and copied as bytes afterwards.
 */

const encoder = new TextEncoder();

/**
 * UTF-8 bytes of `frame(text)` for strings seen before; cleared when it gets large, so memory
 * stays flat.
 */
export class FragmentCache {
  private readonly map = new Map<string, Uint8Array>();
  constructor(
    private readonly frame: (text: string) => string = (text) => text,
    private readonly capacity = 65_536,
  ) {}
  get(text: string): Uint8Array {
    let bytes = this.map.get(text);
    if (bytes === undefined) {
      if (this.map.size >= this.capacity) this.map.clear();
      bytes = encoder.encode(this.frame(text));
      this.map.set(text, bytes);
    }
    return bytes;
  }
}

const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');
/** A byte's first and second lower-case hex digit (ASCII). */
const HEX_HIGH = Uint8Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >>> 4]!);
const HEX_LOW = Uint8Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b & 15]!);

/** Room kept free for one line written piecewise (longer lines take the slow path). */
const LINE_RESERVE = 16 * 1024;

export class LineBuffer {
  private chunk: Uint8Array;
  /** The same bytes as a Buffer: its native UTF-8 write beats a JS loop on long strings. */
  private native: Buffer;
  used = 0;
  count = 0;

  /**
   * `chunk`: a size in bytes, or a buffer to reuse (a writer writing stream after stream). With
   * `grow`, the chunk starts at that size and doubles up to `grow` bytes before it is flushed:
   * many streams written side by side (writeStreams) each hold only what they have made so far,
   * and a quiet stream goes to its sink in one piece.
   */
  constructor(
    private readonly sink: (chunk: Uint8Array) => void,
    chunk: number | Uint8Array,
    private readonly grow = 0,
  ) {
    this.chunk = typeof chunk === 'number' ? new Uint8Array(chunk) : chunk;
    this.native = Buffer.from(this.chunk.buffer, this.chunk.byteOffset, this.chunk.byteLength);
  }

  /** Room for `bytes` more: a larger chunk while it may grow, else the full one is flushed. */
  private room(bytes: number): void {
    let size = this.chunk.length;
    if (this.used + bytes <= size) return;
    if (size < this.grow) {
      while (size < this.grow && this.used + bytes > size) size *= 2;
      const bigger = new Uint8Array(Math.min(size, this.grow));
      bigger.set(this.chunk.subarray(0, this.used));
      this.chunk = bigger;
      this.native = Buffer.from(bigger.buffer, bigger.byteOffset, bigger.byteLength);
      if (this.used + bytes <= bigger.length) return;
    }
    this.flush();
  }

  /** Makes room for `bytes` more bytes; false when they can never fit (write them alone). */
  reserve(bytes: number): boolean {
    this.room(bytes);
    return bytes <= this.chunk.length;
  }

  /** Makes room for one line of up to LINE_RESERVE bytes written with the methods below. */
  startLine(): void {
    this.room(LINE_RESERVE);
  }

  /** A whole line given as text (UTF-8), newline added. */
  line(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.reserve(text.length * 3 + 1)) {
      this.used += this.native.write(text, this.used);
      this.chunk[this.used++] = 10;
    } else {
      this.sink(encoder.encode(`${text}\n`));
    }
    this.count++;
  }

  /**
   * Whole lines given as text, newlines added: joined into one string and encoded in one call
   * (a call per line cost more than the encoding itself on short lines).
   */
  lines(entries: ReadonlyArray<{ text: string }>): void {
    if (entries.length === 0) return;
    let length = 0;
    for (const e of entries) length += e.text.length + 1;
    if (!this.reserve(length * 3)) {
      for (const e of entries) this.line(e.text);
      return;
    }
    let text = '';
    for (const e of entries) text += `${e.text}\n`;
    this.used += this.native.write(text, this.used);
    this.count += entries.length;
  }

  /** Pre-encoded bytes (a fragment); the caller has made room with startLine. */
  bytes(fragment: Uint8Array): void {
    const n = fragment.length;
    const c = this.chunk;
    let u = this.used;
    // A loop beats TypedArray.set for the short fragments most lines are made of.
    if (n < 24) for (let i = 0; i < n; i++) c[u++] = fragment[i]!;
    else {
      c.set(fragment, u);
      u += n;
    }
    this.used = u;
  }

  /** A non-negative integer in decimal, as String(n) would spell it. */
  uint(n: number): void {
    if (n < 0 || n > 0x7fffffff || !Number.isInteger(n)) {
      this.text(String(n));
      return;
    }
    const c = this.chunk;
    let digits = 1;
    for (let x = n; x >= 10; x = (x / 10) | 0) digits++;
    let u = this.used + digits;
    this.used = u;
    let x = n;
    do {
      const next = (x / 10) | 0;
      c[--u] = 48 + x - next * 10;
      x = next;
    } while (x > 0);
  }

  /** A non-negative integer up to 2^53 (an EVE flow id) in decimal, as String(n) would spell it. */
  safeUint(n: number): void {
    if (n <= 0x7fffffff || !Number.isSafeInteger(n)) {
      this.uint(n);
      return;
    }
    const high = Math.floor(n / 1e9);
    this.uint(high);
    this.padded(n - high * 1e9, 9);
  }

  /** `n` (0 <= n < 10^width) in decimal with leading zeros to `width` digits. */
  padded(n: number, width: number): void {
    const c = this.chunk;
    let u = this.used + width;
    this.used = u;
    let x = n;
    for (let k = 0; k < width; k++) {
      const next = (x / 10) | 0;
      c[--u] = 48 + x - next * 10;
      x = next;
    }
  }

  /** A 32-bit word as 8 lower-case hex digits. */
  hex32(word: number): void {
    const c = this.chunk;
    const u = this.used;
    // A byte at a time: its two digits from a table.
    for (let k = 0; k < 4; k++) {
      const b = (word >>> (24 - k * 8)) & 255;
      c[u + 2 * k] = HEX_HIGH[b]!;
      c[u + 2 * k + 1] = HEX_LOW[b]!;
    }
    this.used = u + 8;
  }

  /** One ASCII byte. */
  byte(code: number): void {
    this.chunk[this.used++] = code;
  }

  /** A string as UTF-8; the caller has made room with startLine (3 bytes a UTF-16 unit). */
  text(text: string): void {
    if (text.length > 48) {
      this.used += this.native.write(text, this.used);
      return;
    }
    const c = this.chunk;
    let u = this.used;
    // Most of what we write is ASCII: copy code units, and let the encoder do the rest.
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) {
        this.used = u;
        this.used += encoder.encodeInto(text.slice(i), c.subarray(u)).written;
        return;
      }
      c[u++] = code;
    }
    this.used = u;
  }

  /** Ends a line written piecewise. */
  endLine(): void {
    this.chunk[this.used++] = 10;
    this.count++;
  }

  flush(): void {
    if (this.used) this.sink(this.chunk.subarray(0, this.used));
    this.used = 0;
  }
}
