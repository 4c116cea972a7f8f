import { formatDuration, stripControl, type SimMs } from '../model/index.js';

/** Text from a file made safe for the terminal: no control characters, one line. */
export function clean(text: string | undefined): string {
  if (text === undefined) return '';
  return stripControl(text.replace(/[\t\n\r]+/g, ' ')).trim();
}

/**
 * Cuts text to `width` columns, marking the cut with `~`. ASCII on purpose: Ink measures every
 * row with string-width, whose fast path is printable ASCII; one `…` sends a whole log line
 * through the grapheme segmenter (it doubled the frame time in the benchmark).
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '~' : `${text.slice(0, width - 1)}~`;
}

/** A short duration for labels: `10m`, `1h30m`. */
export function shortDuration(ms: SimMs): string {
  return formatDuration(ms);
}

/** `HH:MM:SS` of an ISO wall time (`2026-03-12T23:11:37Z` -> `23:11:37`). */
export function clockOf(iso: string): string {
  const match = /T(\d\d:\d\d:\d\d)/.exec(iso);
  return match ? match[1]! : iso;
}

export function money(amount: number, currency: string): string {
  return `${currency} ${amount.toFixed(amount >= 100 ? 0 : 2)}`;
}

/** A progress bar of `width` cells. */
export function bar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.round(f * width);
  return `${'#'.repeat(full)}${'.'.repeat(Math.max(0, width - full))}`;
}
