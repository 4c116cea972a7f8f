import { formatElapsed, stripControl } from '../model/index.js';

// What JSON.stringify leaves raw but no file should carry raw: C1 controls, bidi controls, and
// the line and paragraph separators (which break JavaScript that embeds the JSON).
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * The export sanitiser for JSON: JSON.stringify, with C1 and bidi controls written as `\\uXXXX`
 * escapes (the value reads back the same; the file's bytes hold no control a viewer obeys).
 * Every JSON ttx writes (results files, `--json`, `export --format json`) goes through it.
 */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One line of plain text: control characters gone, line breaks and tabs folded to spaces. */
export function plain(text: string): string {
  return stripControl(text).replace(/[\t\n]+/g, ' ');
}

/** Markdown inline text that renders as written: no markup, no raw HTML, no table breaks. */
export function md(text: string): string {
  return plain(text).replace(/[\\`*_[\]<>|!#~&]/g, (c) => `\\${c}`);
}

const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function html(text: string): string {
  return plain(text).replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * A CSV cell a spreadsheet will not run (OWASP CSV injection): text starting with `=`, `+`,
 * `-`, `@`, tab, CR or LF gets a leading apostrophe. Numbers stay numbers.
 */
export function csvCell(value: string | number | boolean | undefined): string | number {
  if (value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = stripControl(value.replace(/[\r\n\t]+/g, ' '));
  return /^[=+\-@\t\r\n]/.test(value) || /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** The simulated wall-clock time of `t` for a drill starting at `startTime` (ISO, UTC). */
export function clockAt(startTime: string, t: number): string {
  const base = Date.parse(startTime);
  if (Number.isNaN(base)) return formatElapsed(t);
  return new Date(base + t).toISOString().replace('.000Z', 'Z');
}
