import type { Architecture } from '../model/index.js';
import { dayAndMinute } from './clock.js';

const DAY_IDS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// Share of the peak shop traffic per UTC hour: quiet nights, a lunch bump, an evening peak.
const HOURLY = [
  0.22, 0.14, 0.09, 0.07, 0.07, 0.1, 0.2, 0.4, 0.65, 0.8, 0.85, 0.9, 1, 0.95, 0.88, 0.86, 0.9, 0.97,
  1.05, 1.15, 1.2, 1.05, 0.7, 0.4,
];

/** When people work and when customers shop, from the architecture's business-hours baseline. */
export class Profile {
  private readonly days: Set<number>;
  private readonly startMinute: number;
  private readonly endMinute: number;

  constructor(architecture: Architecture) {
    const hours = architecture.baselines.find((b) => b.start !== undefined && b.end !== undefined);
    const toMinute = (hhmm: string) => {
      const [h = '0', m = '0'] = hhmm.split(':');
      return Number(h) * 60 + Number(m);
    };
    this.days = new Set(
      (hours?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']).map((d) => DAY_IDS.indexOf(d)),
    );
    this.startMinute = toMinute(hours?.start ?? '08:00');
    this.endMinute = toMinute(hours?.end ?? '18:00');
  }

  isBusinessHours(epochMs: number): boolean {
    const { weekday, minuteOfDay } = dayAndMinute(epochMs);
    return (
      this.days.has(weekday) && minuteOfDay >= this.startMinute && minuteOfDay < this.endMinute
    );
  }

  /** Customer traffic relative to the peak; weekends shop a little more. */
  traffic(epochMs: number): number {
    const { weekday, minuteOfDay } = dayAndMinute(epochMs);
    const weekend = weekday === 0 || weekday === 6 ? 1.15 : 1;
    return HOURLY[Math.floor(minuteOfDay / 60)]! * weekend;
  }
}
