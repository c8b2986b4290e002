import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 2 (数据清洗), the date clauses: no end before start; no start before the village was registered.
// "Today" is 2026-06-15 in Asia/Shanghai.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const pairing = (id: string) => h.get(t.bureau, `/api/pairings/${id}`);
const pairingsOf = (villageId: string) => h.ids(t.bureau, `/api/pairings?villageId=${villageId}`);

describe('no end before start', () => {
  it('a pairing cannot end before it starts, and stays active', async () => {
    const p = await h.activePairing(t, { startDate: '2025-03-01' });
    const res = await h.call('POST', `/api/pairings/${p.id}/end`, { token: t.bureau, body: { endDate: '2025-02-28' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['endDate']);
    expect(await pairing(p.id)).toMatchObject({ status: 'active', endDate: null });
    expect((await h.get(t.bureau, `/api/villages/${p.villageId}`)).activePairings).toBe(1);
  });

  it('a pairing may end on the day it started', async () => {
    const p = await h.activePairing(t, { startDate: '2025-03-01' });
    const res = await h.call('POST', `/api/pairings/${p.id}/end`, { token: t.bureau, body: { endDate: '2025-03-01' } });
    expect(res.status).toBe(200);
    expect(await pairing(p.id)).toMatchObject({ status: 'ended', startDate: '2025-03-01', endDate: '2025-03-01' });
  });

  it('a pairing cannot end in the future', async () => {
    const p = await h.activePairing(t, { startDate: '2025-03-01' });
    const res = await h.call('POST', `/api/pairings/${p.id}/end`, { token: t.bureau, body: { endDate: '2026-06-16' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('endDate');
    expect((await pairing(p.id)).status).toBe('active');
  });
});

describe('no start before the village was registered', () => {
  it('a claim cannot propose a start before the village was registered', async () => {
    const villageId = await h.village(t, { registeredOn: '2025-05-01' });
    const org = await h.organization(t);
    const res = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId, startDate: '2025-04-30' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['startDate']);
    expect(await pairingsOf(villageId)).toEqual([]);
  });

  it('a claim may propose the registration day, and approval without a date uses it', async () => {
    const villageId = await h.village(t, { registeredOn: '2025-05-01' });
    const org = await h.organization(t);
    const claim = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId, startDate: '2025-05-01' } });
    expect(claim.status).toBe(201);
    const ok = await h.call('POST', `/api/pairings/${claim.body.id}/approve`, { token: t.bureau });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'active', startDate: '2025-05-01' });
  });

  it('approval cannot start a pairing before the village was registered, and leaves it pending', async () => {
    const villageId = await h.village(t, { registeredOn: '2025-05-01' });
    const p = await h.pendingPairing(t, { villageId });
    const res = await h.call('POST', `/api/pairings/${p.id}/approve`, { token: t.bureau, body: { startDate: '2025-04-30' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['startDate']);
    expect(await pairing(p.id)).toMatchObject({ status: 'pending', startDate: null });
    expect((await h.get(t.bureau, `/api/villages/${villageId}`)).activePairings).toBe(0);
  });

  it('approval cannot start a pairing in the future', async () => {
    const p = await h.pendingPairing(t);
    const res = await h.call('POST', `/api/pairings/${p.id}/approve`, { token: t.bureau, body: { startDate: '2026-06-16' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('startDate');
    expect((await pairing(p.id)).status).toBe('pending');
  });
});

describe("a village's registration date and its pairings", () => {
  it('registration cannot move past the start of one of its pairings', async () => {
    const villageId = await h.village(t, { registeredOn: '2025-01-01' });
    await h.activePairing(t, { villageId, startDate: '2025-03-01' });
    const res = await h.call('PATCH', `/api/villages/${villageId}`, { token: t.bureau, body: { registeredOn: '2025-03-02' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['registeredOn']);
    expect((await h.get(t.bureau, `/api/villages/${villageId}`)).registeredOn).toBe('2025-01-01');
  });

  it("registration cannot move past an ended pairing's start either", async () => {
    const villageId = await h.village(t, { registeredOn: '2025-01-01' });
    const p = await h.activePairing(t, { villageId, startDate: '2025-02-01' });
    await h.endPairing(t, p.id, '2025-12-31');
    const res = await h.call('PATCH', `/api/villages/${villageId}`, { token: t.bureau, body: { registeredOn: '2025-06-01' } });
    expect(res.status).toBe(400);
    expect((await h.get(t.bureau, `/api/villages/${villageId}`)).registeredOn).toBe('2025-01-01');
  });

  it('registration may move up to the earliest start, or earlier', async () => {
    const villageId = await h.village(t, { registeredOn: '2025-01-01' });
    await h.activePairing(t, { villageId, startDate: '2025-03-01' });
    const later = await h.call('PATCH', `/api/villages/${villageId}`, { token: t.bureau, body: { registeredOn: '2025-03-01' } });
    expect(later.status).toBe(200);
    const earlier = await h.call('PATCH', `/api/villages/${villageId}`, { token: t.bureau, body: { registeredOn: '2024-12-01' } });
    expect(earlier.status).toBe(200);
    expect((await h.get(t.bureau, `/api/villages/${villageId}`)).registeredOn).toBe('2024-12-01');
  });
});
