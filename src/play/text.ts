import { formatDuration, stripControl, type SimMs } from '../model/index.js';

/** Text from a file made safe for the terminal: no control characters, one line. */
export function clean(text: string | undefined): string {
  if (text === undefined) return '';
  return stripControl(text.replace(/[\t\n\r]+/g, ' ')).trim();
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
