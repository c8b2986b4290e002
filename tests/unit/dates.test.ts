import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween, isCalendarDate, IsoDate } from '../../shared/dates.js';

describe('isCalendarDate', () => {
  it.each(['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-04-30', '1999-06-15'])('%s is a date', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-01',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '２０２６-01-01',
    '',
  ])('%s is not', (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });

  it('every day of the calendar, written YYYY-MM-DD, is a date', () => {
    const day = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 11, 31) });
    fc.assert(
      fc.property(day, (ms) => isCalendarDate(new Date(ms).toISOString().slice(0, 10))),
      { numRuns: 1000 },
    );
  });

  it('IsoDate refuses what isCalendarDate refuses, with a message', () => {
    expect(IsoDate.safeParse('2026-02-28').success).toBe(true);
    const bad = IsoDate.safeParse('2026-02-30');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/日期/);
    expect(IsoDate.safeParse(20260101).success).toBe(false);
  });
});

describe('days and zones', () => {
  it('addDays and daysBetween undo each other, across month and year ends', () => {
    const start = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(fc.property(start, fc.integer({ min: -800, max: 800 }), (d, n) => daysBetween(d, addDays(d, n)) === n));
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it("the date in a zone is that zone's calendar day", () => {
    expect(dateInZone(new Date('2026-06-14T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-06-15');
    expect(dateInZone(new Date('2026-06-14T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-06-14');
    expect(dateInZone(new Date('2026-06-14T16:30:00Z'), 'UTC')).toBe('2026-06-14');
  });
});
