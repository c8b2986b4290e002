import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 10, the reporting ladder: missed weeks in a row, counted back from the latest due week:
// 1 flagged, 2–3 warned, 4 or more blocked from claiming new pairings until the organization
// reports the latest missed week (late is fine). A week it was not expected, or reported, ends the run.

let h: Harness;
let t: TestTenant;
const NOW = new Date('2026-06-17T04:00:00Z'); // the latest due week is 2026-06-08

type Org = { id: string; member: string };
/** Each case's organization: paired since a date (approved that day), reporting only some weeks (late, now). */
const CASES = {
  flagged: ['2026-01-01', ['2026-06-01']],
  warned: ['2026-01-01', ['2026-05-25']],
  three: ['2026-05-27', []],
  blocked: ['2026-01-01', ['2026-05-11']],
  many: ['2026-01-01', []],
  turns: ['2026-01-01', ['2026-06-01']],
} as const;
const orgs = {} as Record<keyof typeof CASES, Org>;

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
  t = await h.tenant();
  // the approvals happen in the order of their days, as they would (each on its start date)
  const byStart = Object.entries(CASES).sort(([, a], [, b]) => a[0].localeCompare(b[0]));
  for (const [name, [start]] of byStart) {
    const o = await h.organization(t);
    h.clock.now = new Date(`${start}T04:00:00Z`);
    await h.activePairing(t, { orgId: o.id, startDate: start }).finally(() => (h.clock.now = NOW));
    orgs[name as keyof typeof CASES] = o;
  }
  for (const [name, [, reported]] of Object.entries(CASES)) {
    for (const w of reported) expect((await report(orgs[name as keyof typeof CASES].member, w)).status).toBe(201);
  }
});

const report = (token: string, weekStart: string) =>
  h.call('POST', '/api/reports', { token, body: { weekStart, summary: '补交', progress: '进展', results: '成效' } });

const standing = (token: string, orgId?: string) => h.get(token, `/api/reports/standing${orgId ? `?organizationId=${orgId}` : ''}`);
const claim = async (token: string, organizationId?: string) =>
  h.call('POST', '/api/pairings', { token, body: { villageId: await h.village(t), ...(organizationId ? { organizationId } : {}) } });

describe('the ladder', () => {
  it('one missed week: flagged, may still claim', async () => {
    const o = orgs.flagged;
    expect(await standing(o.member)).toEqual({
      organizationId: o.id,
      missedStreak: 1,
      level: 'flagged',
      missedWeeks: ['2026-06-08'],
      openWeeks: ['2026-06-08'],
    });
    expect((await claim(o.member)).status).toBe(201);
  });

  it('two missed weeks in a row: warned (shown on its portal), may still claim', async () => {
    const o = orgs.warned;
    expect(await standing(o.member)).toMatchObject({ missedStreak: 2, level: 'warned', missedWeeks: ['2026-06-08', '2026-06-01'] });
    expect((await claim(o.member)).status).toBe(201);
  });

  it('three missed weeks because the pairing began three weeks ago: warned, not blocked', async () => {
    const o = orgs.three;
    expect(await standing(t.bureau, o.id)).toMatchObject({ missedStreak: 3, level: 'warned', missedWeeks: ['2026-06-08', '2026-06-01', '2026-05-25'] });
    expect((await claim(o.member)).status).toBe(201);
  });

  it('four missed weeks: blocked from claiming, by its member and by the bureau, with the weeks named; reporting the latest (late) lifts it', async () => {
    const o = orgs.blocked;
    expect(await standing(o.member)).toMatchObject({
      missedStreak: 4,
      level: 'blocked',
      missedWeeks: ['2026-06-08', '2026-06-01', '2026-05-25', '2026-05-18'],
    });
    const byMember = await claim(o.member);
    expect(byMember.status).toBe(409);
    expect(byMember.body.error.details).toEqual({ reason: 'reporting_blocked', missedWeeks: ['2026-06-08', '2026-06-01', '2026-05-25', '2026-05-18'] });
    expect(byMember.body.error.message).toContain('2026-05-18');
    expect(byMember.body.error.message).toContain('2026-06-08');
    expect(byMember.body.error.message).toContain('周报');
    const byBureau = await claim(t.bureau, o.id);
    expect(byBureau.status).toBe(409);
    expect(byBureau.body.error.details.reason).toBe('reporting_blocked');
    expect(await h.ids(t.bureau, `/api/pairings?organizationId=${o.id}&status=pending`)).toEqual([]);

    // an older missed week does not lift it; the latest one does, even late
    expect((await report(o.member, '2026-05-18')).status).toBe(201);
    expect((await standing(o.member)).level).toBe('warned');
    expect((await report(o.member, '2026-06-08')).status).toBe(201);
    expect(await standing(o.member)).toMatchObject({ missedStreak: 0, level: 'ok', missedWeeks: [] });
    expect((await claim(o.member)).status).toBe(201);
  });

  it('many missed weeks since the pairing began are all counted', async () => {
    const o = orgs.many;
    const s = await standing(t.bureau, o.id);
    expect(s).toMatchObject({ missedStreak: 24, level: 'blocked' });
    expect(s.missedWeeks[23]).toBe('2025-12-29');
  });

  it('a pairing approved today with an earlier start misses no deadline that passed before the approval', async () => {
    const o = await h.organization(t);
    await h.activePairing(t, { orgId: o.id, startDate: '2026-01-01' });
    expect(await standing(o.member)).toMatchObject({ missedStreak: 0, level: 'ok' });
    expect((await claim(o.member)).status).toBe(201);
    // it may still file those weeks (late)
    expect((await report(o.member, '2026-06-01')).body.timeliness).toBe('late');
  });

  it('an organization with no pairing is ok; a member asking about another organization gets a 404; the bureau must name one', async () => {
    const idle = await h.organization(t);
    expect(await standing(idle.member)).toMatchObject({ missedStreak: 0, level: 'ok' });
    const other = await h.organization(t);
    expect((await h.call('GET', `/api/reports/standing?organizationId=${other.id}`, { token: idle.member })).status).toBe(404);
    expect((await h.call('GET', '/api/reports/standing', { token: t.bureau })).status).toBe(400);
    expect((await h.call('GET', '/api/reports/standing?organizationId=org_nope', { token: t.bureau })).status).toBe(404);
  });

  it('the week turns at the deadline: before it, last week is not yet missed', async () => {
    const o = orgs.turns;
    try {
      h.clock.now = new Date('2026-06-16T09:59:00Z');
      expect((await standing(o.member)).level).toBe('ok');
      h.clock.now = new Date('2026-06-16T10:00:00Z');
      expect((await standing(o.member)).level).toBe('flagged');
    } finally {
      h.clock.now = NOW;
    }
  });
});
