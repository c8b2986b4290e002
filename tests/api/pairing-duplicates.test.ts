import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 2: no duplicate live (pending or active) pairing of the same organization and village.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const claim = (token: string, villageId: string, organizationId?: string) =>
  h.call('POST', '/api/pairings', { token, body: { villageId, ...(organizationId ? { organizationId } : {}) } });
const pairingsOf = (villageId: string) => h.ids(t.bureau, `/api/pairings?villageId=${villageId}`);

describe('one live pairing per organization and village', () => {
  it('a second claim while the first is pending is refused', async () => {
    const org = await h.organization(t);
    const villageId = await h.village(t);
    expect((await claim(org.member, villageId)).status).toBe(201);
    const again = await claim(org.member, villageId);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', details: { reason: 'duplicate_pairing' } });
    expect(await pairingsOf(villageId)).toHaveLength(1);
  });

  it('a second claim while the first is active is refused, by the bureau too', async () => {
    const p = await h.activePairing(t);
    const again = await claim(t.bureau, p.villageId, p.orgId);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('duplicate_pairing');
    expect(await pairingsOf(p.villageId)).toEqual([p.id]);
  });

  it('after the pairing ends, the same organization may claim the village again', async () => {
    const p = await h.activePairing(t, { startDate: '2025-01-01' });
    await h.endPairing(t, p.id, '2026-01-01');
    const again = await claim(t.bureau, p.villageId, p.orgId);
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('pending');
    expect(await pairingsOf(p.villageId)).toHaveLength(2);
  });

  it('after a claim is rejected, the same organization may claim again', async () => {
    const p = await h.pendingPairing(t);
    expect((await h.call('POST', `/api/pairings/${p.id}/reject`, { token: t.bureau, body: { reason: '材料不全' } })).status).toBe(200);
    expect((await claim(t.bureau, p.villageId, p.orgId)).status).toBe(201);
  });

  it('other organizations may pair the same village at the same time', async () => {
    const p = await h.activePairing(t);
    const other = await h.organization(t);
    expect((await claim(other.member, p.villageId)).status).toBe(201);
    expect(await pairingsOf(p.villageId)).toHaveLength(2);
  });
});
