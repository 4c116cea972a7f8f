/*
 * Wall-clock renderings of simulated time, in each log format's own spelling. Everything is UTC
 * (the architecture's business-hours baseline is UTC). Minute-level parts are cached: a bucket
 * renders thousands of lines that share their minute.
 */
import { utcParts } from '../model/index.js';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

interface MinuteParts {
  minute: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  weekday: number;
}

let cached: MinuteParts = { minute: NaN, year: 0, month: 0, day: 0, hour: 0, min: 0, weekday: 0 };

function parts(epochMs: number): MinuteParts {
  const minute = Math.floor(epochMs / 60_000);
  if (cached.minute === minute) return cached;
  const d = utcParts(minute * 60_000);
  cached = {
    minute,
    year: d.year,
    month: d.month,
    day: d.day,
    hour: d.hour,
    min: d.minute,
    weekday: d.weekday,
  };
  return cached;
}

const sec = (ms: number) => TWO[Math.floor((((ms % 60_000) + 60_000) % 60_000) / 1000)]!;
const milli = (ms: number) => THREE[((Math.floor(ms) % 1000) + 1000) % 1000]!;

let nginxMinute = NaN;
const nginxSeconds: string[] = [];

/** `12/Mar/2026:22:40:03 +0000` (nginx $time_local, Kong); cached per second of the minute. */
export function nginxTime(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  if (minute !== nginxMinute) {
    const p = parts(ms);
    const prefix = `${TWO[p.day]}/${MONTHS[p.month]}/${p.year}:${TWO[p.hour]}:${TWO[p.min]}:`;
    for (let i = 0; i < 60; i++) nginxSeconds[i] = `${prefix}${TWO[i]} +0000`;
    nginxMinute = minute;
  }
  return nginxSeconds[Math.floor((ms - minute * 60_000) / 1000)]!;
}

/** `2026/03/12 22:40:03` (nginx error log). */
export function nginxErrorTime(ms: number): string {
  const p = parts(ms);
  return `${p.year}/${TWO[p.month + 1]}/${TWO[p.day]} ${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)}`;
}

/** `12-Mar-2026 22:40:03` (PHP-FPM). */
export function phpTime(ms: number): string {
  const p = parts(ms);
  return `${TWO[p.day]}-${MONTHS[p.month]}-${p.year} ${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)}`;
}

/** `Mar 12 22:40:03` (BSD syslog prefix of auth.log, slapd, HAProxy files). */
export function bsdTime(ms: number): string {
  const p = parts(ms);
  return `${MONTHS[p.month]} ${String(p.day).padStart(2, ' ')} ${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)}`;
}

/** `2026-03-12T22:40:03.251Z` (RFC 5424, ECS). */
export function isoTime(ms: number): string {
  const p = parts(ms);
  return `${p.year}-${TWO[p.month + 1]}-${TWO[p.day]}T${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)}.${milli(ms)}Z`;
}

/** `2026-03-12T22:40:03.251547+0000` (Suricata EVE), microseconds from `micro`. */
export function eveTime(ms: number, micro: number): string {
  const p = parts(ms);
  return `${p.year}-${TWO[p.month + 1]}-${TWO[p.day]}T${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)}.${milli(ms)}${THREE[micro % 1000]}+0000`;
}

/** `2026-03-12T22:40:03.251547Z` (MySQL 5.7 general log). */
export function mysqlTime(ms: number, micro: number): string {
  const p = parts(ms);
  return `${p.year}-${TWO[p.month + 1]}-${TWO[p.day]}T${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)}.${milli(ms)}${THREE[micro % 1000]}Z`;
}

/** `12/Mar/2026:22:40:03.251` (HAProxy accept date). */
export function haproxyTime(ms: number): string {
  const p = parts(ms);
  return `${TWO[p.day]}/${MONTHS[p.month]}/${p.year}:${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)}.${milli(ms)}`;
}

/** `Thu Mar 12 22:40:03 2026` (ModSecurity v3 audit time_stamp). */
export function modsecTime(ms: number): string {
  const p = parts(ms);
  return `${DAYS[p.weekday]} ${MONTHS[p.month]} ${TWO[p.day]} ${TWO[p.hour]}:${TWO[p.min]}:${sec(ms)} ${p.year}`;
}

/** `1773355200.101` (auditd's epoch seconds with milliseconds). */
export function auditEpoch(ms: number): string {
  return `${Math.floor(ms / 1000)}.${milli(ms)}`;
}

/** UTC weekday (0 = Sunday) and minutes since midnight. */
export function dayAndMinute(ms: number): { weekday: number; minuteOfDay: number } {
  const p = parts(ms);
  return { weekday: p.weekday, minuteOfDay: p.hour * 60 + p.min };
}
