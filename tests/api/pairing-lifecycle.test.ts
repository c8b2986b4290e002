import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Pairings: pending → active | rejected; active → ended. Every other move is a 409 that changes
// nothing: not the pairing, not the organization's count, not the village's coverage.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

type Status = 'pending' | 'active' | 'ended' | 'rejected';
type Move = 'approve' | 'reject' | 'end';

const BODY: Record<Move, Record<string, unknown>> = {
  approve: { startDate: '2026-03-01' },
  reject: { reason: '不符合条件' },
  end: { endDate: '2026-06-10' },
};
const move = (id: string, m: Move) => h.call('POST', `/api/pairings/${id}/${m}`, { token: t.bureau, body: BODY[m] });

/** A new pairing brought to `status` through the API. */
async function pairingIn(status: Status) {
  const p = await h.pendingPairing(t);
  const path: Record<Status, Move[]> = { pending: [], active: ['approve'], ended: ['approve', 'end'], rejected: ['reject'] };
  for (const step of path[status]) expect((await move(p.id, step)).status).toBe(200);
  return p;
}

async function snapshot(p: { id: string; villageId: string; orgId: string }) {
  const [pairing, village, org, dash] = await Promise.all([
    h.get(t.bureau, `/api/pairings/${p.id}`),
    h.get(t.bureau, `/api/villages/${p.villageId}`),
    h.get(t.bureau, `/api/organizations/${p.orgId}`),
    h.get(t.bureau, '/api/dashboard'),
  ]);
  return { pairing, village, org, counts: dash.pairings };
}

describe('allowed moves', () => {
  it('an org member claims its village, the bureau approves it, and the village is covered', async () => {
    const villageId = await h.village(t);
    const org = await h.organization(t);
    const claim = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId, commitment: { moneyFen: 500_000, jobs: 10 } } });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ status: 'pending', organizationId: org.id, villageId, startDate: null, commitment: { moneyFen: 500_000, jobs: 10 } });
    const ok = await move(claim.body.id, 'approve');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'active', startDate: '2026-03-01' });
    expect(await h.get(t.bureau, `/api/villages/${villageId}`)).toMatchObject({ activePairings: 1, covered: true });
    expect((await h.get(t.bureau, `/api/organizations/${org.id}`)).activePairings).toBe(1);
  });

  it('pending --reject--> rejected, with the reason', async () => {
    const p = await pairingIn('pending');
    const res = await move(p.id, 'reject');
    expect(res.status).toBe(200);
    expect(await h.get(t.bureau, `/api/pairings/${p.id}`)).toMatchObject({ status: 'rejected', reason: '不符合条件', startDate: null });
  });

  it('active --end--> ended, on its end date, and the counts follow', async () => {
    const p = await pairingIn('active');
    const before = await snapshot(p);
    const res = await move(p.id, 'end');
    expect(res.status).toBe(200);
    const after = await snapshot(p);
    expect(after.pairing).toMatchObject({ status: 'ended', startDate: '2026-03-01', endDate: '2026-06-10' });
    expect(after.village.activePairings).toBe(before.village.activePairings - 1);
    expect(after.org.activePairings).toBe(before.org.activePairings - 1);
    expect(after.counts.active).toBe(before.counts.active - 1);
  });
});

describe('refused moves', () => {
  it.each([
    ['pending', 'end'],
    ['active', 'approve'],
    ['active', 'reject'],
    ['ended', 'approve'],
    ['ended', 'reject'],
    ['ended', 'end'],
    ['rejected', 'approve'],
    ['rejected', 'reject'],
    ['rejected', 'end'],
  ] as [Status, Move][])('a %s pairing cannot %s: 409 and nothing changes', async (from, m) => {
    const p = await pairingIn(from);
    const before = await snapshot(p);
    const trail = await h.audit(t, 'pairing', p.id);
    const res = await move(p.id, m);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(await snapshot(p)).toEqual(before);
    expect(await h.audit(t, 'pairing', p.id)).toHaveLength(trail.length);
  });
});
