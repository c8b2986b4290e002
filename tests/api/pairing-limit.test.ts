import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 2 (一帮多): no organization over the tenant's limit of simultaneous active pairings.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const claim = (tt: TestTenant, token: string, villageId: string, organizationId?: string) =>
  h.call('POST', '/api/pairings', { token, body: { villageId, ...(organizationId ? { organizationId } : {}) } });
const orgPairings = (tt: TestTenant, orgId: string) => h.ids(tt.bureau, `/api/pairings?organizationId=${orgId}`);
const activeCount = async (tt: TestTenant, orgId: string) => (await h.get(tt.bureau, `/api/organizations/${orgId}`)).activePairings;

describe('the default limit of 3', () => {
  it('an organization with 3 active pairings cannot claim a fourth', async () => {
    const org = await h.organization(t);
    for (let i = 0; i < 3; i++) await h.activePairing(t, { orgId: org.id });
    const villageId = await h.village(t);
    const res = await claim(t, org.member, villageId);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: 'over_limit', limit: 3 });
    expect(await orgPairings(t, org.id)).toHaveLength(3);
    expect(await activeCount(t, org.id)).toBe(3);
  });

  it('the bureau cannot approve a fourth pairing claimed while the organization was under the limit', async () => {
    const org = { id: await h.organizationId(t) };
    const claims = [];
    for (let i = 0; i < 4; i++) claims.push(await h.pendingPairing(t, { orgId: org.id }));
    for (const c of claims.slice(0, 3)) {
      expect((await h.call('POST', `/api/pairings/${c.id}/approve`, { token: t.bureau, body: { startDate: '2026-01-01' } })).status).toBe(200);
    }
    const fourth = await h.call('POST', `/api/pairings/${claims[3].id}/approve`, { token: t.bureau, body: { startDate: '2026-01-01' } });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.details.reason).toBe('over_limit');
    expect((await h.get(t.bureau, `/api/pairings/${claims[3].id}`)).status).toBe('pending');
    expect((await h.get(t.bureau, `/api/villages/${claims[3].villageId}`)).activePairings).toBe(0);
    expect(await activeCount(t, org.id)).toBe(3);
  });

  it('ending one of the three frees a place', async () => {
    const org = await h.organization(t);
    const ps = [];
    for (let i = 0; i < 3; i++) ps.push(await h.activePairing(t, { orgId: org.id, startDate: '2025-01-01' }));
    await h.endPairing(t, ps[0].id, '2026-01-01');
    expect(await activeCount(t, org.id)).toBe(2);
    expect((await claim(t, org.member, await h.village(t))).status).toBe(201);
  });
});

describe('a tenant sets its own limit', () => {
  it('a tenant created with a limit of 1 refuses a second active pairing', async () => {
    const one = await h.tenant({ maxActivePairingsPerOrg: 1 });
    expect(one.tenant.maxActivePairingsPerOrg).toBe(1);
    const org = await h.organization(one);
    await h.activePairing(one, { orgId: org.id });
    const res = await claim(one, org.member, await h.village(one));
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: 'over_limit', limit: 1 });
    expect(await orgPairings(one, org.id)).toHaveLength(1);
  });

  it('PATCH /api/settings lowers the limit for new claims and raises it again', async () => {
    const tt = await h.tenant();
    const org = await h.organization(tt);
    for (let i = 0; i < 2; i++) await h.activePairing(tt, { orgId: org.id });

    const lower = await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { maxActivePairingsPerOrg: 2 } });
    expect(lower.status).toBe(200);
    expect(lower.body.maxActivePairingsPerOrg).toBe(2);
    const refused = await claim(tt, org.member, await h.village(tt));
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ reason: 'over_limit', limit: 2 });
    expect(await orgPairings(tt, org.id)).toHaveLength(2);

    expect((await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { maxActivePairingsPerOrg: 4 } })).status).toBe(200);
    expect((await h.get(tt.bureau, '/api/settings')).maxActivePairingsPerOrg).toBe(4);
    const admitted = await claim(tt, org.member, await h.village(tt));
    expect(admitted.status).toBe(201);
    const ok = await h.call('POST', `/api/pairings/${admitted.body.id}/approve`, { token: tt.bureau, body: { startDate: '2026-01-01' } });
    expect(ok.status).toBe(200);
    expect(await activeCount(tt, org.id)).toBe(3);
  });

  it('a limit below 1 is refused and the setting kept', async () => {
    const tt = await h.tenant({ maxActivePairingsPerOrg: 2 });
    const res = await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { maxActivePairingsPerOrg: 0 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('maxActivePairingsPerOrg');
    expect((await h.get(tt.bureau, '/api/settings')).maxActivePairingsPerOrg).toBe(2);
  });
});
