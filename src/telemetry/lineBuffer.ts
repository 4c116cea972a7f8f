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

/** Room kept free for one line written piecewise (longer lines take the slow path). */
const LINE_RESERVE = 16 * 1024;

export class LineBuffer {
  private readonly chunk: Uint8Array;
  used = 0;
  count = 0;

  /** `chunk`: a size in bytes, or a buffer to reuse (a writer writing stream after stream). */
  constructor(
    private readonly sink: (chunk: Uint8Array) => void,
    chunk: number | Uint8Array,
  ) {
    this.chunk = typeof chunk === 'number' ? new Uint8Array(chunk) : chunk;
    this.native = Buffer.from(this.chunk.buffer, this.chunk.byteOffset, this.chunk.byteLength);
  }
  /** The same bytes as a Buffer: its native UTF-8 write beats a JS loop on long strings. */
  private readonly native: Buffer;

  /** Makes room for `bytes` more bytes; false when they can never fit (write them alone). */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.chunk.length) this.flush();
    return bytes <= this.chunk.length;
  }

  /** Makes room for one line of up to LINE_RESERVE bytes written with the methods below. */
  startLine(): void {
    if (this.used + LINE_RESERVE > this.chunk.length) this.flush();
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
