/**
 * Calendar arithmetic on a fixed instant (ms since the Unix epoch, UTC) without `Date`, so the
 * pure core can format simulated times while its lint bans `new Date(...)` outright: a banned
 * constructor cannot slip back in as the wall clock. Civil-from-days after H. Hinnant's
 * `chrono`-compatible algorithm (proleptic Gregorian calendar).
 */
export interface UtcParts {
  year: number;
  /** 0-11, as Date#getUTCMonth. */
  month: number;
  /** 1-31. */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday, as Date#getUTCDay. */
  weekday: number;
}

const DAY_MS = 86_400_000;

export function utcParts(epochMs: number): UtcParts {
  const days = Math.floor(epochMs / DAY_MS);
  const inDay = epochMs - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (month < 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(inDay / 3_600_000),
    minute: Math.floor(inDay / 60_000) % 60,
    second: Math.floor(inDay / 1000) % 60,
    millisecond: Math.floor(inDay) % 1000,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-03-12T10:14:03.251Z`, as Date#toISOString for years 0-9999. */
export function isoUtc(epochMs: number): string {
  const p = utcParts(epochMs);
  return `${pad(p.year, 4)}-${pad(p.month + 1)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(p.millisecond, 3)}Z`;
}
