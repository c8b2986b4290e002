import { describe, expect, it } from 'vitest';
import { weekDeadline, zonedDateTimeToUtc } from '../../shared/dates.js';

// Deadlines in the tenant's zone for zones more than 12 h ahead of UTC with daylight saving
// (Pacific/Chatham: +12:45 in winter, +13:45 in summer, switching at 02:45 on the last Sunday of September).

const local = (d: Date, tz: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(d)
    .replace(', ', ' ');

describe('zonedDateTimeToUtc far ahead of UTC', () => {
  it('Pacific/Chatham: 02:30 on the spring-forward day, a quarter hour before the switch, is 02:30 +12:45', () => {
    const at = zonedDateTimeToUtc('2026-09-27', '02:30', 'Pacific/Chatham');
    expect(at.toISOString()).toBe('2026-09-26T13:45:00.000Z');
    expect(local(at, 'Pacific/Chatham')).toBe('2026-09-27 02:30');
  });

  it('every whole and half hour of 2025–2026 reads back in Pacific/Chatham and Pacific/Kiritimati (02:30 comes before Chatham’s 02:45 switch)', () => {
    for (const tz of ['Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Tongatapu']) {
      for (let d = Date.UTC(2025, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
        const date = new Date(d).toISOString().slice(0, 10);
        for (const time of ['00:00', '02:30', '18:00']) {
          const at = zonedDateTimeToUtc(date, time, tz);
          expect(`${tz} ${local(at, tz)}`).toBe(`${tz} ${date} ${time}`);
        }
      }
    }
  });

  it('a Sunday 02:30 deadline in Pacific/Chatham on the switch day', () => {
    // the week of 2026-09-14: a Sunday deadline is the Sunday after the next Monday, 2026-09-27
    expect(weekDeadline('2026-09-14', { weekday: 0, time: '02:30' }, 'Pacific/Chatham')).toBe('2026-09-26T13:45:00.000Z');
  });
});
