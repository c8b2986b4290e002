import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Only approved organizations act: claim pairings, have claims approved, log activities.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const review = async (orgId: string, action: 'approve' | 'reject' | 'suspend') =>
  expect((await h.call('POST', `/api/organizations/${orgId}/${action}`, { token: t.bureau })).status).toBe(200);
const orgPairings = (orgId: string) => h.ids(t.bureau, `/api/pairings?organizationId=${orgId}`);
const visit = { date: '2026-06-01', type: 'visit', peopleReached: 12, description: '走访脱贫户' };

describe('an organization that is not approved cannot act', () => {
  it("a suspended organization's member cannot claim a pairing", async () => {
    const org = await h.organization(t);
    await review(org.id, 'suspend');
    const res = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId: await h.village(t) } });
    expect(res.status).toBe(409);
    expect(await orgPairings(org.id)).toEqual([]);
  });

  it("a suspended organization's member cannot log an activity on its active pairing", async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    await review(org.id, 'suspend');
    const res = await h.call('POST', `/api/pairings/${p.id}/activities`, { token: org.member, body: visit });
    expect(res.status).toBe(409);
    expect(await h.ids(org.member, `/api/pairings/${p.id}/activities`)).toEqual([]);
    expect((await h.get(t.bureau, `/api/pairings/${p.id}`)).activityCount).toBe(0);
  });

  it('once approved again, the same member logs the activity', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    await review(org.id, 'suspend');
    await review(org.id, 'approve');
    const res = await h.call('POST', `/api/pairings/${p.id}/activities`, { token: org.member, body: visit });
    expect(res.status).toBe(201);
    expect(await h.ids(org.member, `/api/pairings/${p.id}/activities`)).toEqual([res.body.id]);
  });

  it("a pending organization's member cannot claim a pairing", async () => {
    const org = await h.organization(t, {}, false);
    const res = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId: await h.village(t) } });
    expect(res.status).toBe(409);
    expect(await orgPairings(org.id)).toEqual([]);
  });

  it.each(['pending', 'rejected', 'suspended'] as const)('the bureau cannot claim for a %s organization', async (status) => {
    const orgId = await h.organizationId(t, {}, status === 'suspended');
    if (status === 'rejected') await review(orgId, 'reject');
    if (status === 'suspended') await review(orgId, 'suspend');
    const villageId = await h.village(t);
    const res = await h.call('POST', '/api/pairings', { token: t.bureau, body: { villageId, organizationId: orgId } });
    expect(res.status).toBe(409);
    expect(await orgPairings(orgId)).toEqual([]);
    expect(await h.ids(t.bureau, `/api/pairings?villageId=${villageId}`)).toEqual([]);
  });

  it('the bureau cannot approve a claim whose organization was suspended after claiming', async () => {
    const org = { id: await h.organizationId(t) };
    const p = await h.pendingPairing(t, { orgId: org.id });
    await review(org.id, 'suspend');
    const res = await h.call('POST', `/api/pairings/${p.id}/approve`, { token: t.bureau, body: { startDate: '2026-06-01' } });
    expect(res.status).toBe(409);
    expect((await h.get(t.bureau, `/api/pairings/${p.id}`)).status).toBe('pending');
    expect((await h.get(t.bureau, `/api/villages/${p.villageId}`)).activePairings).toBe(0);
    expect((await h.get(t.bureau, `/api/organizations/${org.id}`)).activePairings).toBe(0);
  });
});
