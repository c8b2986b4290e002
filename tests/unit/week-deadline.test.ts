import { describe, expect, it } from 'vitest';
import { latestDueWeek, mondayOf, previousQuarter, quarterOf, quarterRange, weekDeadline, zonedDateTimeToUtc } from '../../shared/dates.js';

// Rule 3: weeks start on Monday; a week's report is due on the deadline weekday after it, at the
// deadline time in the tenant's zone, right across daylight-saving switches.

describe('mondayOf', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-11-24', '2026-11-23'],
    ['2026-11-29', '2026-11-23'],
    ['2026-11-30', '2026-11-30'],
    ['2026-01-01', '2025-12-29'],
  ])('%s → %s', (d, m) => expect(mondayOf(d)).toBe(m));
});

describe('zonedDateTimeToUtc', () => {
  it('Asia/Shanghai is UTC+8 all year', () => {
    expect(zonedDateTimeToUtc('2026-01-06', '18:00', 'Asia/Shanghai').toISOString()).toBe('2026-01-06T10:00:00.000Z');
    expect(zonedDateTimeToUtc('2026-07-07', '18:00', 'Asia/Shanghai').toISOString()).toBe('2026-07-07T10:00:00.000Z');
  });
  it('Europe/Berlin is +1 in winter and +2 in summer, on both sides of each switch', () => {
    expect(zonedDateTimeToUtc('2026-03-28', '18:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T17:00:00.000Z');
    expect(zonedDateTimeToUtc('2026-03-29', '18:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T16:00:00.000Z');
    expect(zonedDateTimeToUtc('2026-10-24', '18:00', 'Europe/Berlin').toISOString()).toBe('2026-10-24T16:00:00.000Z');
    expect(zonedDateTimeToUtc('2026-10-25', '18:00', 'Europe/Berlin').toISOString()).toBe('2026-10-25T17:00:00.000Z');
  });
  it('a time in the spring-forward gap lands after it; a doubled autumn time takes the first', () => {
    expect(zonedDateTimeToUtc('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedDateTimeToUtc('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
  it('America/New_York (behind UTC) too', () => {
    expect(zonedDateTimeToUtc('2026-03-10', '18:00', 'America/New_York').toISOString()).toBe('2026-03-10T22:00:00.000Z');
    expect(zonedDateTimeToUtc('2026-03-06', '18:00', 'America/New_York').toISOString()).toBe('2026-03-06T23:00:00.000Z');
  });
});

describe('weekDeadline', () => {
  it('default: Tuesday 18:00 Asia/Shanghai after the week', () => {
    expect(weekDeadline('2026-11-16')).toBe('2026-11-24T10:00:00.000Z');
  });
  it('Europe/Berlin: the week of 2026-03-23 is due 2026-03-31 18:00 CEST; the week of 2026-10-19 on 2026-10-27 18:00 CET', () => {
    expect(weekDeadline('2026-03-23', { weekday: 2, time: '18:00' }, 'Europe/Berlin')).toBe('2026-03-31T16:00:00.000Z');
    expect(weekDeadline('2026-03-16', { weekday: 2, time: '18:00' }, 'Europe/Berlin')).toBe('2026-03-24T17:00:00.000Z');
    expect(weekDeadline('2026-10-19', { weekday: 2, time: '18:00' }, 'Europe/Berlin')).toBe('2026-10-27T17:00:00.000Z');
    expect(weekDeadline('2026-10-12', { weekday: 2, time: '18:00' }, 'Europe/Berlin')).toBe('2026-10-20T16:00:00.000Z');
  });
  it('the first deadline weekday on or after the next Monday: Monday is that Monday, Sunday six days on', () => {
    expect(weekDeadline('2026-11-16', { weekday: 1, time: '09:00' }, 'Asia/Shanghai')).toBe('2026-11-23T01:00:00.000Z');
    expect(weekDeadline('2026-11-16', { weekday: 0, time: '12:00' }, 'Asia/Shanghai')).toBe('2026-11-29T04:00:00.000Z');
    expect(weekDeadline('2026-11-16', { weekday: 5, time: '17:30' }, 'Asia/Shanghai')).toBe('2026-11-27T09:30:00.000Z');
  });
});

describe('latestDueWeek', () => {
  it('flips at the deadline minute', () => {
    expect(latestDueWeek(new Date('2026-11-24T09:59:59Z'))).toBe('2026-11-09');
    expect(latestDueWeek(new Date('2026-11-24T10:00:00Z'))).toBe('2026-11-16');
    expect(latestDueWeek(new Date('2026-11-23T01:00:00Z'))).toBe('2026-11-09');
  });
  it('in Berlin in summer the same local minute is two hours earlier in UTC', () => {
    const dl = { weekday: 2, time: '18:00' };
    expect(latestDueWeek(new Date('2026-03-31T15:59:00Z'), dl, 'Europe/Berlin')).toBe('2026-03-16');
    expect(latestDueWeek(new Date('2026-03-31T16:00:00Z'), dl, 'Europe/Berlin')).toBe('2026-03-23');
  });
  it('a Sunday deadline (13 days after the week began) steps back two weeks when needed', () => {
    expect(latestDueWeek(new Date('2026-11-25T00:00:00Z'), { weekday: 0, time: '12:00' }, 'Asia/Shanghai')).toBe('2026-11-09');
  });
});

describe('quarters', () => {
  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-09-30', '2026-Q3'],
    ['2026-12-31', '2026-Q4'],
  ])('%s is in %s', (d, q) => expect(quarterOf(d)).toBe(q));
  it('ranges and the quarter before', () => {
    expect(quarterRange('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterRange('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
  });
});
