/** A problem found in an input file, located to the character. */
export interface Diagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `unknown-reference`. */
  code: string;
  message: string;
  /** What would have been valid there. */
  expected?: string;
  /** The closest valid id, for typos. */
  suggestion?: string;
  /** The offending source line (control characters removed). */
  sourceLine?: string;
}

/** Thrown by loaders when a file has errors; carries every diagnostic, never a stack trace. */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'InputError';
  }
}

// C0 controls except tab and newline (ESC, BEL, CR included), DEL, C1 controls (U+0080-U+009F:
// CSI, OSC, ...), and the bidi embedding, override and isolate controls (U+202A-U+202E,
// U+2066-U+2069) that make text read in another order than it is written.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The terminal sanitiser: every text shown on a terminal (file names, CLI values, journal and
 * scenario fields) passes through it, and the CLI's standard output and error apply it to every
 * write (src/cli/main.ts). No escape sequence, carriage return or bidi control survives.
 */
export function stripControl(text: string): string {
  // Almost every text is clean (a drill passes a million log lines through here): one scan of
  // char codes finds that several times faster than the regex replace, which then runs only
  // for a text that has something to remove.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (isControl(c)) return text.replace(CONTROL, '');
  }
  return text;
}

/** The code units CONTROL matches (tab and newline are not among them). */
function isControl(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a;
  return (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** `file:line:col: error [code] message (expected ...; did you mean "x"?)` plus source and caret. */
export function formatDiagnostic(d: Diagnostic, options: { source?: boolean } = {}): string {
  const hints: string[] = [];
  if (d.expected) hints.push(`expected ${d.expected}`);
  if (d.suggestion) hints.push(`did you mean "${d.suggestion}"?`);
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity} [${d.code}] ${stripControl(d.message)}${
    hints.length ? ` (${stripControl(hints.join('; '))})` : ''
  }`;
  if (options.source === false || d.sourceLine === undefined) return head;
  const line = d.sourceLine.replace(/\t/g, ' ').slice(0, 200);
  const caret = `${' '.repeat(Math.min(Math.max(d.column - 1, 0), line.length))}^`;
  return `${head}\n    ${line}\n    ${caret}`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
