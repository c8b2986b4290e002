import dayjs from 'dayjs';
import { addDays } from '../../../shared/dates';

/** The Monday of the week a date falls in (weeks start on Monday). */
export function mondayOf(date: string): string {
  const d = dayjs(date);
  const back = (d.day() + 6) % 7; // Sunday 0 → 6 days back
  return d.subtract(back, 'day').format('YYYY-MM-DD');
}

/** The Monday of the week before the one `today` falls in: the week a report is usually for. */
export const lastWeekMonday = (today: string): string => addDays(mondayOf(today), -7);

/** Monday → "2026-11-16 至 2026-11-22" parts. */
export const weekEnd = (monday: string): string => addDays(monday, 6);

/** MM-DD of a week's Monday, for grid headers. */
export const shortWeek = (monday: string): string => monday.slice(5);

/** An instant as the wall clock of a time zone: 2026-11-24 18:00. */
export function zoneStamp(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * The default deadline of a week (Tuesday 18:00 after it, in the tenant's zone) as that zone's
 * wall clock, for the form before the server has said its own; the server's `deadline` wins.
 */
export const defaultDeadlineStamp = (monday: string): string => `${addDays(monday, 8)} 18:00`;

/** The current calendar quarter of a date: 2026-Q4. */
export function quarterOf(date: string): string {
  const d = dayjs(date);
  return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;
}

/** The quarters before and including `quarter`, newest first. */
export function recentQuarters(quarter: string, n: number): string[] {
  let [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/** The quarter before one. */
export const previousQuarter = (quarter: string): string => recentQuarters(quarter, 2)[1] as string;
