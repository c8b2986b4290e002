import { z } from 'zod';
import { DEFAULT_REPORT_DEADLINE, DEFAULT_TIME_ZONE } from './tenant-defaults.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export const IsoDate = z
  .string({ error: '日期必须是 YYYY-MM-DD 格式的字符串' })
  .refine(isCalendarDate, { message: '不是有效的日期（YYYY-MM-DD）' })
  .meta({ format: 'date', maxLength: 10 });
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * Intl.DateTimeFormat objects by time zone, made once: building one costs tens of µs (the dashboard
 * asked for dozens per request), formatting with it ~1 µs. A formatter holds no state between calls.
 * Bounded: a zone is a tenant setting (validated), so there are few; past the bound the map starts over.
 */
const DATE_FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const WALL_CLOCK_FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatterOf(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = make(); // throws on an unknown zone, as before: nothing cached
    if (cache.size >= 100) cache.clear();
    cache.set(timeZone, f);
  }
  return f;
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = formatterOf(
    DATE_FORMATTERS,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Whole days from a to b (b − a), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** The Monday on or before a YYYY-MM-DD date (weeks start on Monday, seed 004). */
export function mondayOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** Milliseconds the zone is ahead of UTC at an instant (Asia/Shanghai: +8 h). */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = formatterOf(
    WALL_CLOCK_FORMATTERS,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock date and time ('HH:MM') happen in a zone, right across daylight saving.
 * UTC offsets run from −12 h to +14 h, so the instant lies within [wall − 14 h, wall + 12 h]: the
 * candidates are the wall time less the zone's offset just before and just after that span (no zone
 * switches twice within it); the earliest that reads back as the asked wall time wins (an autumn
 * time that happens twice takes the first), and a spring-forward gap's time lands after it. (Probing
 * only half a day either side missed zones more than 12 h ahead of UTC, e.g. Pacific/Chatham.)
 */
export function zonedDateTimeToUtc(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const HOUR = 3_600_000;
  const before = wall - zoneOffsetMs(new Date(wall - 15 * HOUR), timeZone);
  const after = wall - zoneOffsetMs(new Date(wall + 13 * HOUR), timeZone);
  const readsBack = (t: number) => t + zoneOffsetMs(new Date(t), timeZone) === wall;
  const fits = [before, after].filter(readsBack).sort((a, b) => a - b);
  return new Date(fits[0] ?? before);
}

export type ReportDeadline = { weekday: number; time: string };

/**
 * Rule 3: a week's report is due on the first day on or after the next Monday (weekStart + 7) that
 * falls on the deadline's weekday (0 = Sunday … 6), at its time in the tenant's zone; default
 * Tuesday 18:00 → weekStart + 8 at 18:00 local. Returned as a UTC ISO instant.
 */
export function weekDeadline(weekStart: string, deadline: ReportDeadline = DEFAULT_REPORT_DEADLINE, timeZone = DEFAULT_TIME_ZONE): string {
  const nextMonday = addDays(weekStart, 7);
  const day = addDays(nextMonday, (deadline.weekday + 6) % 7);
  return zonedDateTimeToUtc(day, deadline.time, timeZone).toISOString();
}

/** The latest week whose deadline has passed at `now`. */
export function latestDueWeek(now: Date, deadline: ReportDeadline = DEFAULT_REPORT_DEADLINE, timeZone = DEFAULT_TIME_ZONE): string {
  let week = addDays(mondayOf(dateInZone(now, timeZone)), -7);
  while (Date.parse(weekDeadline(week, deadline, timeZone)) > now.getTime()) week = addDays(week, -7);
  return week;
}

/** The calendar quarter of a date: '2026-07-01' → '2026-Q3'. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** A quarter's first and last day: '2026-Q3' → { from: '2026-07-01', to: '2026-09-30' }. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const from = new Date(Date.UTC(year, (q - 1) * 3, 1));
  const next = new Date(Date.UTC(year, q * 3, 1));
  return { from: from.toISOString().slice(0, 10), to: new Date(next.getTime() - DAY_MS).toISOString().slice(0, 10) };
}

/** The quarter before: '2026-Q1' → '2025-Q4'. */
export function previousQuarter(quarter: string): string {
  return quarterOf(addDays(quarterRange(quarter).from, -1));
}
