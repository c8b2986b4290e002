import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 1 (不落一村): every supervised village must be covered; uncovered ones are listed first.

let h: Harness;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
});

type V = { id: string; supervised: boolean; activePairings: number };
const rank = (v: V) => (v.activePairings > 0 ? 2 : v.supervised ? 0 : 1);
const villages = async (t: TestTenant, query = '') => (await h.get<{ items: V[] }>(t.bureau, `/api/villages${query}`)).items;
const idsOf = (items: { id: string }[], only: string[]) => items.map((i) => i.id).filter((id) => only.includes(id));

/**
 * One tenant laid out so that township order alone would put the villages the wrong way round:
 * a covered supervised village and an uncovered unsupervised one in township A, uncovered
 * supervised ones in townships B and C.
 */
async function layout() {
  const t = await h.tenant();
  const coveredA = await h.village(t, { township: 'A镇', name: '甲村', supervised: true });
  await h.activePairing(t, { villageId: coveredA });
  const plainA = await h.village(t, { township: 'A镇', name: '乙村', supervised: false });
  const supC = await h.village(t, { township: 'C镇', name: '丙村', supervised: true });
  const supB = await h.village(t, { township: 'B镇', name: '丁村', supervised: true });
  return { t, coveredA, plainA, supB, supC, all: [coveredA, plainA, supB, supC] };
}

describe('villages list in rule-1 order', () => {
  let l: Awaited<ReturnType<typeof layout>>;
  beforeAll(async () => {
    l = await layout();
  });

  it('supervised villages without an active pairing come first, then other uncovered ones, then covered ones', async () => {
    const items = await villages(l.t);
    expect(idsOf(items, l.all)).toEqual([l.supB, l.supC, l.plainA, l.coveredA]);
    expect(items.map(rank)).toEqual([...items.map(rank)].sort());
  });

  it('?uncovered=true lists only villages without an active pairing, supervised first', async () => {
    const items = await villages(l.t, '?uncovered=true');
    expect(items.every((v) => v.activePairings === 0)).toBe(true);
    expect(idsOf(items, l.all)).toEqual([l.supB, l.supC, l.plainA]);
  });

  it('?uncovered=false lists only covered villages', async () => {
    const items = await villages(l.t, '?uncovered=false');
    expect(idsOf(items, l.all)).toEqual([l.coveredA]);
    expect(items.every((v) => v.activePairings > 0)).toBe(true);
  });

  it('?supervised=true lists only supervised villages, the uncovered first', async () => {
    const items = await villages(l.t, '?supervised=true');
    expect(idsOf(items, l.all)).toEqual([l.supB, l.supC, l.coveredA]);
    expect(items.every((v) => v.supervised)).toBe(true);
  });

  it('?supervised=true&uncovered=true lists exactly the supervised villages nobody covers', async () => {
    expect(idsOf(await villages(l.t, '?supervised=true&uncovered=true'), l.all)).toEqual([l.supB, l.supC]);
  });

  it('?supervised=false&uncovered=true lists the unsupervised villages nobody covers', async () => {
    expect(idsOf(await villages(l.t, '?supervised=false&uncovered=true'), l.all)).toEqual([l.plainA]);
  });
});

describe('coverage follows the pairings', () => {
  it('a village whose only pairing ends is uncovered again and moves back to the front', async () => {
    const t = await h.tenant();
    const plain = await h.village(t, { township: 'A镇', supervised: false });
    const sup = await h.village(t, { township: 'Z镇', supervised: true });
    const p = await h.activePairing(t, { villageId: sup, startDate: '2026-01-01' });
    expect(idsOf(await villages(t), [plain, sup])).toEqual([plain, sup]);
    expect(idsOf(await villages(t, '?uncovered=true'), [sup])).toEqual([]);

    await h.endPairing(t, p.id, '2026-06-01');
    expect(idsOf(await villages(t), [plain, sup])).toEqual([sup, plain]);
    expect(idsOf(await villages(t, '?uncovered=true'), [sup])).toEqual([sup]);
    const dash = await h.get(t.bureau, '/api/dashboard');
    expect(dash.villages.uncovered.map((v: V) => v.id)).toEqual([sup]);
    expect(dash.flags).toContainEqual(expect.objectContaining({ kind: 'uncovered_supervised', villageId: sup }));
  });

  it('a pending claim does not cover a village', async () => {
    const t = await h.tenant();
    const p = await h.pendingPairing(t);
    expect(idsOf(await villages(t, '?uncovered=true'), [p.villageId])).toEqual([p.villageId]);
    expect((await h.get(t.bureau, '/api/dashboard')).villages.covered).toBe(0);
  });

  it('a village stays covered while one of its two pairings is still active', async () => {
    const t = await h.tenant();
    const first = await h.activePairing(t, { startDate: '2026-01-01' });
    await h.activePairing(t, { villageId: first.villageId, startDate: '2026-02-01' });
    await h.endPairing(t, first.id, '2026-06-01');
    expect(idsOf(await villages(t, '?uncovered=false'), [first.villageId])).toEqual([first.villageId]);
    expect((await h.get(t.bureau, '/api/dashboard')).villages.uncovered).toEqual([]);
  });

  it('a village marked supervised later joins the front of the list and the dashboard', async () => {
    const t = await h.tenant();
    const other = await h.village(t, { township: 'A镇', supervised: false });
    const later = await h.village(t, { township: 'Z镇', supervised: false });
    expect((await h.get(t.bureau, '/api/dashboard')).villages.uncovered).toEqual([]);
    const res = await h.call('PATCH', `/api/villages/${later}`, { token: t.bureau, body: { supervised: true } });
    expect(res.status).toBe(200);
    expect(idsOf(await villages(t), [other, later])).toEqual([later, other]);
    expect((await h.get(t.bureau, '/api/dashboard')).villages.uncovered.map((v: V) => v.id)).toEqual([later]);
  });

  it('a village edit cannot mark it covered', async () => {
    const t = await h.tenant();
    const id = await h.village(t);
    await h.call('PATCH', `/api/villages/${id}`, { token: t.bureau, body: { name: '改名村', activePairings: 2, covered: true } });
    const v = await h.get(t.bureau, `/api/villages/${id}`);
    expect(v).toMatchObject({ name: '改名村', activePairings: 0, covered: false });
    expect(idsOf(await villages(t, '?uncovered=true'), [id])).toEqual([id]);
  });
});

describe('the dashboard (rule 1)', () => {
  it('counts supervised and covered villages, and lists and flags exactly the uncovered supervised ones', async () => {
    const t = await h.tenant();
    const covered = await h.village(t, { township: 'A镇', supervised: true });
    await h.activePairing(t, { villageId: covered });
    const open1 = await h.village(t, { township: 'B镇', supervised: true });
    const open2 = await h.village(t, { township: 'C镇', supervised: true });
    const plain = await h.village(t, { township: 'A镇', supervised: false });

    const dash = await h.get(t.bureau, '/api/dashboard');
    expect(dash.villages).toMatchObject({ total: 4, supervised: 3, covered: 1 });
    expect(dash.villages.uncovered.map((v: V) => v.id)).toEqual([open1, open2]);
    const flagged = dash.flags.filter((f: { kind: string }) => f.kind === 'uncovered_supervised').map((f: { villageId: string }) => f.villageId);
    expect(flagged.sort()).toEqual([open1, open2].sort());
    expect(flagged).not.toContain(plain);

    await h.activePairing(t, { villageId: open1, startDate: '2026-03-01' });
    const after = await h.get(t.bureau, '/api/dashboard');
    expect(after.villages).toMatchObject({ total: 4, supervised: 3, covered: 2 });
    expect(after.villages.uncovered.map((v: V) => v.id)).toEqual([open2]);
    expect(after.flags.filter((f: { kind: string }) => f.kind === 'uncovered_supervised').map((f: { villageId: string }) => f.villageId)).toEqual([open2]);
    expect(after.pairings).toEqual({ active: 2, pending: 0 });
  });
});
