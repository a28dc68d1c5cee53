/**
 * Delivery times in the subscriber's own time zone: "daily at 07:00 Europe/Berlin" is 06:00 UTC
 * in winter and 05:00 UTC in summer. The next due time is computed after every digest, so the
 * due index (keyed by UTC hour) follows daylight-saving changes.
 */
import type { Subscriber } from '../records';

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Local calendar date (YYYY-MM-DD), hour (0–23) and ISO weekday of an instant in a zone. */
export function localParts(
  t: Date,
  timeZone: string,
): { date: string; hour: number; weekday: number } {
  const p: Record<string, string> = {};
  for (const x of formatter(timeZone).formatToParts(t)) p[x.type] = x.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour) % 24,
    weekday: WEEKDAYS[p.weekday!] ?? 1,
  };
}

/**
 * The first whole UTC hour strictly after `after` at which the subscriber's local clock shows
 * their hour (and, weekly, their weekday). Zones offset by half hours deliver at :30 UTC of the
 * matching local hour's start, rounded to the UTC hour in which it begins. On a day whose local
 * hour does not exist (spring forward), the next existing hour that day is used.
 */
export function nextDueAt(
  s: Pick<Subscriber, 'cadence' | 'hour' | 'weekday' | 'timeZone'>,
  after: Date,
): string {
  let t = Math.floor(after.getTime() / HOUR) * HOUR + HOUR;
  let prev: { date: string; hour: number } | undefined;
  for (let i = 0; i < 24 * 8 + 2; i++, t += HOUR) {
    const p = localParts(new Date(t), s.timeZone);
    const dayOk = s.cadence === 'daily' || p.weekday === s.weekday;
    const skipped = prev?.date === p.date && prev.hour < s.hour && p.hour > s.hour;
    if (dayOk && (p.hour === s.hour || skipped)) return new Date(t).toISOString();
    prev = p;
  }
  return new Date(t).toISOString();
}

/** The period a delivery belongs to: the local date of its due time (weekly: that Monday etc.). */
export function periodOf(s: Pick<Subscriber, 'cadence' | 'timeZone'>, dueAt: string): string {
  return `${s.cadence}#${localParts(new Date(dueAt), s.timeZone).date}`;
}
