import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Help activities: only on an active pairing, dated no earlier than its start and not in the
// future. "Today" is 2026-06-15 in Asia/Shanghai (the clock is 2026-06-15T04:00Z).

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const activity = (overrides: Record<string, unknown> = {}) => ({
  date: '2026-06-01',
  type: 'training',
  peopleReached: 30,
  amountFen: 120_000,
  description: '电商技能培训',
  ...overrides,
});
const log = (token: string, pairingId: string, body: Record<string, unknown>) => h.call('POST', `/api/pairings/${pairingId}/activities`, { token, body });
const activitiesOf = (pairingId: string) => h.ids(t.bureau, `/api/pairings/${pairingId}/activities`);

describe('activities on a pairing', () => {
  it('an org member logs an activity on its active pairing, and the pairing counts it', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-03-01' });
    const res = await log(org.member, p.id, activity());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ pairingId: p.id, villageId: p.villageId, organizationId: org.id, amountFen: 120_000 });
    expect(await activitiesOf(p.id)).toEqual([res.body.id]);
    expect(await h.get(t.bureau, `/api/pairings/${p.id}`)).toMatchObject({ activityCount: 1, lastActivityOn: '2026-06-01' });
  });

  it('no activity on a pending pairing', async () => {
    const p = await h.pendingPairing(t);
    const res = await log(t.bureau, p.id, activity());
    expect(res.status).toBe(409);
    expect(await activitiesOf(p.id)).toEqual([]);
  });

  it('no activity on an ended pairing, even dated while it was active', async () => {
    const p = await h.activePairing(t, { startDate: '2026-01-01' });
    await h.endPairing(t, p.id, '2026-05-31');
    const res = await log(t.bureau, p.id, activity({ date: '2026-05-01' }));
    expect(res.status).toBe(409);
    expect(await activitiesOf(p.id)).toEqual([]);
    expect((await h.get(t.bureau, `/api/pairings/${p.id}`)).activityCount).toBe(0);
  });

  it('no activity on a rejected pairing', async () => {
    const p = await h.pendingPairing(t);
    await h.call('POST', `/api/pairings/${p.id}/reject`, { token: t.bureau });
    expect((await log(t.bureau, p.id, activity())).status).toBe(409);
    expect(await activitiesOf(p.id)).toEqual([]);
  });

  it('an activity cannot be dated before the pairing started', async () => {
    const p = await h.activePairing(t, { startDate: '2026-03-01' });
    const res = await log(t.bureau, p.id, activity({ date: '2026-02-28' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['date']);
    expect(await activitiesOf(p.id)).toEqual([]);
  });

  it('an activity may be dated on the start day and today', async () => {
    const p = await h.activePairing(t, { startDate: '2026-03-01' });
    expect((await log(t.bureau, p.id, activity({ date: '2026-03-01' }))).status).toBe(201);
    expect((await log(t.bureau, p.id, activity({ date: '2026-06-15' }))).status).toBe(201);
    expect(await h.get(t.bureau, `/api/pairings/${p.id}`)).toMatchObject({ activityCount: 2, lastActivityOn: '2026-06-15' });
  });

  it('an activity cannot be dated in the future', async () => {
    const p = await h.activePairing(t, { startDate: '2026-03-01' });
    const res = await log(t.bureau, p.id, activity({ date: '2026-06-16' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['date']);
    expect(await activitiesOf(p.id)).toEqual([]);
  });

  it("'today' is the tenant's day: just after midnight in Shanghai the new date is accepted, the next is not", async () => {
    const p = await h.activePairing(t, { startDate: '2026-03-01' });
    const saved = h.clock.now;
    h.clock.now = new Date('2026-06-15T16:30:00Z'); // 2026-06-16 00:30 in Asia/Shanghai
    try {
      expect((await log(t.bureau, p.id, activity({ date: '2026-06-16' }))).status).toBe(201);
      expect((await log(t.bureau, p.id, activity({ date: '2026-06-17' }))).status).toBe(400);
    } finally {
      h.clock.now = saved;
    }
    expect(await activitiesOf(p.id)).toHaveLength(1);
  });
});
