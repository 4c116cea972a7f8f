/** Simulated time is counted in whole milliseconds from the start of a drill. */
export type SimMs = number;

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** The format every duration in a YAML file uses, for messages and the JSON Schema. */
export const DURATION_PATTERN = '^(?:\\d+d)?(?:\\d+h)?(?:\\d+m)?(?:\\d+s)?$';
export const DURATION_HINT = 'a duration such as 90s, 15m, 1h30m or 2d';

/** Parses `1h30m`, `90s`, `2d`; returns undefined for anything else (including the empty string). */
export function parseDuration(text: string): SimMs | undefined {
  const match = DURATION.exec(text);
  if (!match || text === '') return undefined;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return ((Number(d) * 24 + Number(h)) * 60 * 60 + Number(m) * 60 + Number(s)) * 1000;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `T+01:05:09`: elapsed simulated time as trainees and reports show it. */
export function formatElapsed(ms: SimMs): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `T+${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** The shortest duration text that parses back to the same value (`5400000` -> `1h30m`). */
export function formatDuration(ms: SimMs): string {
  let rest = Math.floor(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.length ? parts.join('') : '0s';
}
