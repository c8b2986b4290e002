import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 2: no gap (断档) between one pairing ending and the next starting on a covered village.
// It is a state, so it is flagged on the dashboard. "Today" is 2026-06-15 in Asia/Shanghai.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

type Flag = { kind: string; villageId?: string; [k: string]: unknown };
const flagsOf = async (villageId: string, kind: string): Promise<Flag[]> =>
  (await h.get<{ flags: Flag[] }>(t.bureau, '/api/dashboard')).flags.filter((f) => f.villageId === villageId && f.kind === kind);

async function approve(villageId: string, startDate: string) {
  const p = await h.pendingPairing(t, { villageId });
  const res = await h.call('POST', `/api/pairings/${p.id}/approve`, { token: t.bureau, body: { startDate } });
  expect(res.status).toBe(200);
  return p;
}

describe('a gap between pairings', () => {
  it("ending a village's only pairing opens a gap, flagged with the days since it ended", async () => {
    const p = await h.activePairing(t, { startDate: '2026-01-01' });
    expect(await flagsOf(p.villageId, 'pairing_gap_open')).toEqual([]);
    await h.endPairing(t, p.id, '2026-06-05');
    expect(await flagsOf(p.villageId, 'pairing_gap_open')).toEqual([
      expect.objectContaining({ kind: 'pairing_gap_open', villageId: p.villageId, endedOn: '2026-06-05', days: 10 }),
    ]);
  });

  it('a new pairing starting later closes the gap and the dashboard flags how long it lasted', async () => {
    const first = await h.activePairing(t, { startDate: '2026-01-01' });
    await h.endPairing(t, first.id, '2026-05-10');
    const next = await approve(first.villageId, '2026-05-21');
    expect(await flagsOf(first.villageId, 'pairing_gap')).toEqual([
      expect.objectContaining({ endedOn: '2026-05-10', resumedOn: '2026-05-21', days: 10, pairingId: next.id }),
    ]);
    expect(await flagsOf(first.villageId, 'pairing_gap_open')).toEqual([]);
  });

  it('a one-day gap is a gap', async () => {
    const first = await h.activePairing(t, { startDate: '2026-01-01' });
    await h.endPairing(t, first.id, '2026-05-10');
    await approve(first.villageId, '2026-05-12');
    expect((await flagsOf(first.villageId, 'pairing_gap')).map((f) => f.days)).toEqual([1]);
  });

  it('no gap is flagged when the next pairing starts the day after the last one ended', async () => {
    const first = await h.activePairing(t, { startDate: '2026-01-01' });
    await h.endPairing(t, first.id, '2026-05-10');
    await approve(first.villageId, '2026-05-11');
    expect(await flagsOf(first.villageId, 'pairing_gap')).toEqual([]);
    expect(await flagsOf(first.villageId, 'pairing_gap_open')).toEqual([]);
  });

  it('no gap is flagged when another pairing of the village stayed active', async () => {
    const first = await h.activePairing(t, { startDate: '2026-01-01' });
    await h.activePairing(t, { villageId: first.villageId, startDate: '2026-02-01' });
    await h.endPairing(t, first.id, '2026-03-01');
    expect(await flagsOf(first.villageId, 'pairing_gap_open')).toEqual([]);
    await approve(first.villageId, '2026-06-01');
    expect(await flagsOf(first.villageId, 'pairing_gap')).toEqual([]);
  });

  it('the gap opens when the last cover ended, even if the pairing ended last was back-dated earlier', async () => {
    const early = await h.activePairing(t, { startDate: '2026-01-01' });
    const late = await h.activePairing(t, { villageId: early.villageId, startDate: '2026-02-01' });
    await h.endPairing(t, late.id, '2026-06-10');
    await h.endPairing(t, early.id, '2026-05-01');
    expect(await flagsOf(early.villageId, 'pairing_gap_open')).toEqual([expect.objectContaining({ endedOn: '2026-06-10', days: 5 })]);
    await approve(early.villageId, '2026-06-12');
    expect((await flagsOf(early.villageId, 'pairing_gap')).map((f) => [f.endedOn, f.days])).toEqual([['2026-06-10', 1]]);
  });

  it('a village that was never paired has no gap', async () => {
    const villageId = await h.village(t);
    await approve(villageId, '2026-06-01');
    const flags = (await h.get<{ flags: Flag[] }>(t.bureau, '/api/dashboard')).flags.filter((f) => f.villageId === villageId);
    expect(flags).toEqual([]);
  });
});
