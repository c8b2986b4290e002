import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 3: per expected organization (an active pairing during the week) on time, late, missing
// once the deadline has passed, or pending before it — computed in the tenant's time zone.

let h: Harness;
const NOW = new Date('2026-06-17T04:00:00Z'); // Wednesday noon in Shanghai
const JAN = new Date('2026-01-01T04:00:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
});

const body = (weekStart: string, organizationId?: string) => ({ weekStart, organizationId, summary: '本周走访', progress: '进展顺利', results: '成效明显' });
async function fileAt(at: string, token: string, weekStart: string) {
  const before = h.clock.now;
  h.clock.now = new Date(at);
  try {
    const res = await h.call('POST', '/api/reports', { token, body: body(weekStart) });
    if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  } finally {
    h.clock.now = before;
  }
}
const byOrg = (c: any) => Object.fromEntries(c.items.map((i: any) => [i.organizationId, i]));

describe('a Shanghai tenant (default deadline Tuesday 18:00)', () => {
  let t: TestTenant;
  let a: { id: string; member: string };
  let b: { id: string; member: string };
  let c: { id: string; member: string };
  let e: { id: string; member: string };

  beforeAll(async () => {
    t = await h.tenant();
    [a, b, c, e] = [
      await h.organization(t, { name: '甲学校' }),
      await h.organization(t, { name: '乙协会' }),
      await h.organization(t, { name: '丙企业' }),
      await h.organization(t, { name: '丁幼儿园' }),
    ];
    h.clock.now = JAN; // approved on the start date: every week since is expected
    for (const o of [a, b, c]) await h.activePairing(t, { orgId: o.id, startDate: '2026-01-01' });
    h.clock.now = NOW;
    await h.activePairing(t, { orgId: e.id, startDate: '2026-06-16' }); // not expected before this week
    await fileAt('2026-06-16T09:00:00Z', a.member, '2026-06-08');
    await fileAt('2026-06-17T01:00:00Z', b.member, '2026-06-08');
    await fileAt('2026-06-17T02:00:00Z', a.member, '2026-06-15');
  });

  it('defaults to the latest week whose deadline has passed: on time, late, missing with its streak', async () => {
    const res = await h.get(t.bureau, '/api/reports/compliance');
    expect(res).toMatchObject({
      weekStart: '2026-06-08',
      deadline: '2026-06-16T10:00:00.000Z',
      due: true,
      counts: { onTime: 1, late: 1, missing: 1, pending: 0 },
    });
    const o = byOrg(res);
    expect(o[a.id]).toMatchObject({
      status: 'onTime',
      organizationName: '甲学校',
      submittedAt: '2026-06-16T09:00:00.000Z',
      missedStreak: 0,
      reportId: expect.any(String),
    });
    expect(o[b.id]).toMatchObject({ status: 'late', missedStreak: 0 });
    // the pairing began 2026-01-01, in the week of 2025-12-29: 24 weeks missed, none reported
    expect(o[c.id]).toMatchObject({ status: 'missing', reportId: null, submittedAt: null, missedStreak: 24 });
    expect(o[e.id]).toBeUndefined();
    expect(res.items[0].organizationId).toBe(c.id); // missing first
  });

  it('the running week: submitted ones on time, the rest pending (also the one that started pairing this week)', async () => {
    const res = await h.get(t.bureau, '/api/reports/compliance?weekStart=2026-06-15');
    expect(res).toMatchObject({ weekStart: '2026-06-15', due: false, counts: { onTime: 1, late: 0, missing: 0, pending: 3 } });
    expect(byOrg(res)[e.id]).toMatchObject({ status: 'pending', organizationName: '丁幼儿园', missedStreak: 0 });
  });

  it('around the deadline minute the week turns from pending to missing, and the default week moves on', async () => {
    try {
      h.clock.now = new Date('2026-06-16T09:59:59Z');
      const before = await h.get(t.bureau, '/api/reports/compliance?weekStart=2026-06-08');
      expect(before.due).toBe(false);
      expect(byOrg(before)[c.id].status).toBe('pending');
      expect((await h.get(t.bureau, '/api/reports/compliance')).weekStart).toBe('2026-06-01');
      h.clock.now = new Date('2026-06-16T10:00:00Z');
      const after = await h.get(t.bureau, '/api/reports/compliance?weekStart=2026-06-08');
      expect(after.due).toBe(true);
      expect(byOrg(after)[c.id].status).toBe('missing');
      expect((await h.get(t.bureau, '/api/reports/compliance')).weekStart).toBe('2026-06-08');
    } finally {
      h.clock.now = NOW;
    }
  });

  it('the grid: organizations × weeks, null where an organization was not expected', async () => {
    const g = await h.get(t.bureau, '/api/reports/compliance/grid?weeks=3&to=2026-06-15');
    expect(g.weeks.map((w: any) => [w.weekStart, w.due])).toEqual([
      ['2026-06-01', true],
      ['2026-06-08', true],
      ['2026-06-15', false],
    ]);
    const rows = Object.fromEntries(g.rows.map((r: any) => [r.organizationId, r]));
    expect(rows[a.id].cells).toEqual(['missing', 'onTime', 'onTime']);
    expect(rows[b.id].cells).toEqual(['missing', 'late', 'pending']);
    expect(rows[c.id]).toMatchObject({ cells: ['missing', 'missing', 'pending'], missedStreak: 24 });
    expect(rows[e.id].cells).toEqual([null, null, 'pending']);
    expect(g.rows[0].organizationId).toBe(c.id);
    const def = await h.get(t.bureau, '/api/reports/compliance/grid');
    expect(def.weeks).toHaveLength(8);
    expect(def.weeks[7].weekStart).toBe('2026-06-15');
  });

  it('a pairing approved today is expected only from the weeks whose deadline is ahead', async () => {
    const cols = (g: any, orgId: string) => g.rows.find((r: any) => r.organizationId === orgId)?.cells;
    const now = await h.organization(t, { name: '辛公司' });
    await h.activePairing(t, { orgId: now.id, startDate: '2026-01-01' });
    expect(cols(await h.get(t.bureau, '/api/reports/compliance/grid?weeks=3&to=2026-06-15'), now.id)).toEqual([null, null, 'pending']);
  });

  it('bad queries are 400s', async () => {
    expect((await h.call('GET', '/api/reports/compliance?weekStart=2026-06-09', { token: t.bureau })).status).toBe(400);
    expect((await h.call('GET', '/api/reports/compliance/grid?weeks=27', { token: t.bureau })).status).toBe(400);
    expect((await h.call('GET', '/api/reports/compliance/grid?to=2026-06-16', { token: t.bureau })).status).toBe(400);
  });
});

describe('pairings ended on a past date', () => {
  let t: TestTenant;
  const orgs = {} as Record<'gone' | 'kept' | 'late', { id: string; member: string }>;
  const pairings = {} as Record<'gone' | 'kept' | 'late', { id: string }>;

  beforeAll(async () => {
    t = await h.tenant();
    h.clock.now = JAN;
    for (const [k, name] of [
      ['gone', '戊商会'],
      ['kept', '己公司'],
      ['late', '庚合作社'],
    ] as const) {
      orgs[k] = await h.organization(t, { name });
      pairings[k] = await h.activePairing(t, { orgId: orgs[k].id, startDate: '2026-01-01' });
    }
    await h.activePairing(t, { orgId: orgs.kept.id, startDate: '2026-01-01' }); // kept has a second pairing
    h.clock.now = NOW;
  });

  it('a pairing ended last week leaves the organization out of the weeks after, unless another pairing keeps it in', async () => {
    const [gone, kept] = [orgs.gone, orgs.kept];
    const [p1, p2] = [pairings.gone, pairings.kept];
    await h.endPairing(t, p1.id, '2026-06-05');
    await h.endPairing(t, p2.id, '2026-06-05');
    const w1 = byOrg(await h.get(t.bureau, '/api/reports/compliance?weekStart=2026-06-01'));
    expect(w1[gone.id].status).toBe('missing');
    expect(w1[kept.id].status).toBe('missing');
    const w2 = byOrg(await h.get(t.bureau, '/api/reports/compliance?weekStart=2026-06-08'));
    expect(w2[gone.id]).toBeUndefined();
    expect(w2[kept.id].status).toBe('missing');
    expect(byOrg(await h.get(t.bureau, '/api/reports/compliance?weekStart=2026-06-15'))[gone.id]).toBeUndefined();
  });

  it('an end dated further back than 12 weeks refills the older weeks from the records', async () => {
    const cols = (g: any, orgId: string) => g.rows.find((r: any) => r.organizationId === orgId)?.cells;
    const old = '/api/reports/compliance/grid?weeks=3&to=2026-02-16';
    const [late, p] = [orgs.late, pairings.late];
    expect(cols(await h.get(t.bureau, old), late.id)).toEqual(['missing', 'missing', 'missing']); // those weeks are filled now
    await h.endPairing(t, p.id, '2026-02-03');
    expect(cols(await h.get(t.bureau, old), late.id)).toEqual(['missing', null, null]);
    expect(cols(await h.get(t.bureau, '/api/reports/compliance/grid?weeks=2&to=2026-06-15'), late.id)).toBeUndefined();
  });
});

describe('a Europe/Berlin tenant: the deadline follows daylight saving', () => {
  let t: TestTenant;
  let orgs: { id: string; member: string }[];

  beforeAll(async () => {
    t = await h.tenant({ timeZone: 'Europe/Berlin' });
    orgs = [];
    h.clock.now = JAN;
    for (let i = 0; i < 4; i++) {
      const o = await h.organization(t);
      await h.activePairing(t, { orgId: o.id, startDate: '2026-01-01' });
      orgs.push(o);
    }
    h.clock.now = NOW;
  });

  it('the week of 2026-03-23 is due 2026-03-31 18:00 CEST (16:00Z)', async () => {
    expect((await fileAt('2026-03-31T15:59:00Z', orgs[0].member, '2026-03-23')).timeliness).toBe('onTime');
    const late = await fileAt('2026-03-31T16:00:01Z', orgs[1].member, '2026-03-23');
    expect(late).toMatchObject({ deadline: '2026-03-31T16:00:00.000Z', timeliness: 'late' });
    h.clock.now = new Date('2026-03-31T16:00:30Z');
    try {
      const res = await h.get(t.bureau, '/api/reports/compliance');
      expect(res).toMatchObject({ weekStart: '2026-03-23', due: true, counts: { onTime: 1, late: 1, missing: 2, pending: 0 } });
    } finally {
      h.clock.now = NOW;
    }
  });

  it('the week of 2026-10-19 is due 2026-10-27 18:00 CET (17:00Z)', async () => {
    expect((await fileAt('2026-10-27T16:30:00Z', orgs[2].member, '2026-10-19')).timeliness).toBe('onTime');
    h.clock.now = new Date('2026-10-27T16:59:00Z');
    try {
      const res = await h.get(t.bureau, '/api/reports/compliance?weekStart=2026-10-19');
      expect(res).toMatchObject({ deadline: '2026-10-27T17:00:00.000Z', due: false, counts: { onTime: 1, late: 0, missing: 0, pending: 3 } });
    } finally {
      h.clock.now = NOW;
    }
    const late = await fileAt('2026-10-27T17:00:01Z', orgs[3].member, '2026-10-19');
    expect(late).toMatchObject({ deadline: '2026-10-27T17:00:00.000Z', timeliness: 'late' });
  });
});
