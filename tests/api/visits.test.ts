import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 4 (光说不练): each pairing active in a calendar quarter should log a visit in it; those
// without one are flagged. Counts are moved in the activity's transaction, per pairing and quarter.

let h: Harness;
let t: TestTenant;
const NOW = new Date('2026-08-10T04:00:00Z'); // 2026-Q3
let visited: { id: string; orgId: string; villageId: string };
let trainedOnly: { id: string };
let endedInQ2: { id: string };
let newInQ3: { id: string };

const log = (pairingId: string, date: string, type = 'visit') =>
  h.call('POST', `/api/pairings/${pairingId}/activities`, { token: t.bureau, body: { date, type, peopleReached: 3, description: '入户走访' } });

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
  t = await h.tenant();
  visited = await h.activePairing(t, { startDate: '2026-01-01', villageId: await h.village(t, { name: '甲村' }) });
  trainedOnly = await h.activePairing(t, { startDate: '2026-01-01', villageId: await h.village(t, { name: '乙村' }) });
  endedInQ2 = await h.activePairing(t, { startDate: '2026-01-01', villageId: await h.village(t, { name: '丙村' }) });
  for (const [p, d, type] of [
    [visited.id, '2026-07-05', 'visit'],
    [visited.id, '2026-07-20', 'visit'],
    [visited.id, '2026-05-02', 'visit'],
    [trainedOnly.id, '2026-05-01', 'visit'],
    [trainedOnly.id, '2026-07-15', 'training'],
  ] as const) {
    expect((await log(p, d, type)).status).toBe(201);
  }
  await h.endPairing(t, endedInQ2.id, '2026-06-30');
  newInQ3 = await h.activePairing(t, { startDate: '2026-08-03', villageId: await h.village(t, { name: '丁村' }) });
});

const byPairing = (q: any) => Object.fromEntries(q.items.map((i: any) => [i.pairingId, i]));

describe('a quarter’s visits', () => {
  it('the current quarter by default: visits counted, the pairing without a visit flagged, an ended one absent', async () => {
    const q = await h.get(t.bureau, '/api/visits');
    expect(q).toMatchObject({ quarter: '2026-Q3', from: '2026-07-01', to: '2026-09-30', closed: false, flagged: 2 });
    const p = byPairing(q);
    expect(p[visited.id]).toMatchObject({
      visits: 2,
      lastVisitOn: '2026-07-20',
      flagged: false,
      villageName: '甲村',
      villageId: visited.villageId,
      organizationId: visited.orgId,
      organizationName: expect.any(String),
    });
    // a training is help, but not a visit
    expect(p[trainedOnly.id]).toMatchObject({ visits: 0, lastVisitOn: null, flagged: true, villageName: '乙村' });
    expect(p[newInQ3.id]).toMatchObject({ visits: 0, flagged: true, villageName: '丁村' });
    expect(p[endedInQ2.id]).toBeUndefined();
    expect(q.items).toHaveLength(3);
    expect(q.items.slice(0, 2).every((i: any) => i.flagged)).toBe(true);
  });

  it('a closed quarter: the ended pairing without a visit is flagged, the visited ones are not', async () => {
    const q = await h.get(t.bureau, '/api/visits?quarter=2026-Q2');
    expect(q).toMatchObject({ quarter: '2026-Q2', closed: true, flagged: 1 });
    const p = byPairing(q);
    expect(p[visited.id]).toMatchObject({ visits: 1, lastVisitOn: '2026-05-02', flagged: false });
    expect(p[trainedOnly.id]).toMatchObject({ visits: 1, flagged: false });
    expect(p[endedInQ2.id]).toMatchObject({ visits: 0, flagged: true, villageName: '丙村' });
    expect(p[newInQ3.id]).toBeUndefined();
  });

  it('a visit logged now moves the quarter at once, and back-dated into the quarter before, that one', async () => {
    expect((await log(newInQ3.id, '2026-08-04')).status).toBe(201);
    const q = await h.get(t.bureau, '/api/visits');
    expect(q.flagged).toBe(1);
    expect(byPairing(q)[newInQ3.id]).toMatchObject({ visits: 1, lastVisitOn: '2026-08-04', flagged: false });
    expect((await log(trainedOnly.id, '2026-08-01')).status).toBe(201);
    expect((await log(trainedOnly.id, '2026-07-02')).status).toBe(201);
    expect(byPairing(await h.get(t.bureau, '/api/visits'))[trainedOnly.id]).toMatchObject({ visits: 2, lastVisitOn: '2026-08-01', flagged: false });
  });

  it('a quarter before any pairing is empty; a quarter not begun is empty and open', async () => {
    expect(await h.get(t.bureau, '/api/visits?quarter=2025-Q4')).toMatchObject({ closed: true, flagged: 0, items: [] });
    expect(await h.get(t.bureau, '/api/visits?quarter=2026-Q4')).toMatchObject({ closed: false, flagged: 0, items: [] });
  });

  it('an approval or an end dated further back than four quarters refills the older quarters from the records', async () => {
    expect((await h.get(t.bureau, '/api/visits?quarter=2025-Q2')).items).toEqual([]); // filled now
    const old = await h.activePairing(t, { startDate: '2025-04-15', villageId: await h.village(t, { name: '戊村' }) });
    expect(byPairing(await h.get(t.bureau, '/api/visits?quarter=2025-Q2'))[old.id]).toMatchObject({ flagged: true, villageName: '戊村' });
    expect((await h.get(t.bureau, '/api/visits?quarter=2025-Q3')).items.map((i: any) => i.pairingId)).toEqual([old.id]);
    await h.endPairing(t, old.id, '2025-05-01');
    expect(byPairing(await h.get(t.bureau, '/api/visits?quarter=2025-Q2'))[old.id]).toBeDefined();
    expect((await h.get(t.bureau, '/api/visits?quarter=2025-Q3')).items).toEqual([]);
    expect(byPairing(await h.get(t.bureau, '/api/visits'))[old.id]).toBeUndefined();
  });

  it('bureau only; a bad quarter is a 400; another tenant sees none of it', async () => {
    const o = await h.organization(t);
    expect((await h.call('GET', '/api/visits', { token: o.member })).status).toBe(403);
    expect((await h.call('GET', '/api/visits?quarter=2026-Q5', { token: t.bureau })).status).toBe(400);
    expect((await h.call('GET', '/api/visits?quarter=2026Q3', { token: t.bureau })).status).toBe(400);
    const other = await h.tenant();
    expect((await h.get(other.bureau, '/api/visits')).items).toEqual([]);
  });
});
