import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/harness.js';

let h: Harness;
let t: Awaited<ReturnType<Harness['tenant']>>;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

describe('pairings (rule 2)', () => {
  it('an org member claims its village, the bureau approves it, and the village is covered', async () => {
    const villageId = await h.village(t);
    const org = await h.organization(t);
    const claim = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId } });
    expect(claim.status).toBe(201);
    expect(claim.body.status).toBe('pending');
    expect(claim.body.organizationId).toBe(org.id);
    const before = await h.call('GET', '/api/villages?uncovered=true', { token: t.bureau });
    expect(before.body.items.map((v: any) => v.id)).toContain(villageId);
    const ok = await h.call('POST', `/api/pairings/${claim.body.id}/approve`, { token: t.bureau, body: { startDate: '2026-06-01' } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('active');
    const after = await h.call('GET', '/api/villages?uncovered=true', { token: t.bureau });
    expect(after.body.items.map((v: any) => v.id)).not.toContain(villageId);
  });

  it('a pairing cannot end before it starts', async () => {
    const p = await h.activePairing(t, { startDate: '2025-03-01' });
    const res = await h.call('POST', `/api/pairings/${p.id}/end`, { token: t.bureau, body: { endDate: '2025-02-28' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('endDate');
    const still = await h.call('GET', `/api/pairings/${p.id}`, { token: t.bureau });
    expect(still.body.status).toBe('active');
  });

  it('a pairing cannot start before the village was registered', async () => {
    const villageId = await h.village(t, { registeredOn: '2025-05-01' });
    const org = await h.organization(t);
    const claim = await h.call('POST', '/api/pairings', { token: t.bureau, body: { villageId, organizationId: org.id } });
    const res = await h.call('POST', `/api/pairings/${claim.body.id}/approve`, { token: t.bureau, body: { startDate: '2025-04-30' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('startDate');
  });

  it('one organization and village cannot be paired twice while a pairing is live', async () => {
    const p = await h.activePairing(t);
    const again = await h.call('POST', '/api/pairings', { token: t.bureau, body: { villageId: p.villageId, organizationId: p.orgId } });
    expect(again.status).toBe(409);
  });

  it('no organization goes over the tenant limit of active pairings', async () => {
    const org = await h.organization(t);
    for (let i = 0; i < 3; i++) await h.activePairing(t, { orgId: org.id });
    const villageId = await h.village(t);
    const res = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId } });
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe('over_limit');
  });
});
