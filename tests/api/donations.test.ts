import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Offline donations (cash and goods) and expenditures: every write moves the village's counters in
// the same transaction; a spend over the balance is a 409 with nothing written (rule 8).

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t);
});

const cash = (amountFen: number, extra: Record<string, unknown> = {}) => ({
  villageId,
  kind: 'cash',
  amountFen,
  donorName: '张三',
  donorType: 'person',
  ...extra,
});
const funds = (vid = villageId) => h.get(t.bureau, `/api/villages/${vid}/funds`);

describe('offline donations', () => {
  it('logs cash and goods; counters move; goods never mixed into cash', async () => {
    const vid = await h.village(t);
    const a = await h.call('POST', '/api/donations', { token: t.bureau, body: { ...cash(1_200_000), villageId: vid } });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'confirmed', channel: 'offline', kind: 'cash', amountFen: 1_200_000, villageId: vid });
    expect(a.body.serialNo).toMatch(/^JZ-2026-\d{6}$/);
    const g = await h.call('POST', '/api/donations', {
      token: t.bureau,
      body: { villageId: vid, kind: 'goods', amountFen: 50_000, donorName: '某企业', donorType: 'organization', description: '课桌 20 套' },
    });
    expect(g.status).toBe(201);
    expect(await funds(vid)).toEqual({ villageId: vid, cashReceivedFen: 1_200_000, cashUsedFen: 0, balanceFen: 1_200_000, refundedFen: 0, goodsFen: 50_000 });
    expect((await h.audit(t, 'donation', a.body.id)).map((e) => e.action)).toEqual(['create']);
    const list = await h.get(t.bureau, `/api/donations?villageId=${vid}`);
    expect(list.items.map((d: any) => d.id).sort()).toEqual([a.body.id, g.body.id].sort());
  });

  it.each([
    ['zero', { amountFen: 0 }],
    ['negative', { amountFen: -100 }],
    ['fractional', { amountFen: 10.5 }],
    ['missing amount', { amountFen: undefined }],
    ['goods without an estimated value', { kind: 'goods', amountFen: undefined, description: '大米' }],
    ['goods without a description', { kind: 'goods', amountFen: 100 }],
    ['a bad kind', { kind: 'stocks' }],
  ])('%s is a 400 and writes nothing', async (_w, patch) => {
    const before = await funds();
    const res = await h.call('POST', '/api/donations', { token: t.bureau, body: { ...cash(100), ...patch } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(await funds()).toEqual(before);
  });

  it('another tenant’s village is a 404', async () => {
    const other = await h.tenant();
    const theirs = await h.village(other);
    const res = await h.call('POST', '/api/donations', { token: t.bureau, body: { ...cash(100), villageId: theirs } });
    expect(res.status).toBe(404);
    expect(
      (await h.call('POST', '/api/expenditures', { token: t.bureau, body: { villageId: theirs, amountFen: 1, purpose: '修路', date: '2026-06-01' } })).status,
    ).toBe(404);
  });

  it('an org member logs for its own organization only, and its donations count toward it', async () => {
    const org = await h.organization(t);
    const res = await h.call('POST', '/api/donations', { token: org.member, body: cash(300_000, { donorType: 'organization', donorName: '本企业' }) });
    expect(res.status).toBe(201);
    expect(res.body.organizationId).toBe(org.id);
    const other = await h.organizationId(t);
    expect((await h.call('POST', '/api/donations', { token: org.member, body: cash(1, { organizationId: other }) })).status).toBe(403);
    const mine = await h.get(org.member, '/api/donations');
    expect(mine.items.every((d: any) => d.organizationId === org.id)).toBe(true);
    expect(
      (await h.call('POST', '/api/expenditures', { token: org.member, body: { villageId, amountFen: 1, purpose: '修路', date: '2026-06-01' } })).status,
    ).toBe(403);
  });
});

describe('expenditures', () => {
  it('spend within the balance; over it is a 409 with nothing written', async () => {
    const vid = await h.village(t);
    await h.call('POST', '/api/donations', { token: t.bureau, body: { ...cash(10_000), villageId: vid } });
    const ok = await h.call('POST', '/api/expenditures', {
      token: t.bureau,
      body: { villageId: vid, amountFen: 6_000, purpose: '购买化肥', category: 'industry', date: '2026-06-10' },
    });
    expect(ok.status).toBe(201);
    const over = await h.call('POST', '/api/expenditures', {
      token: t.bureau,
      body: { villageId: vid, amountFen: 4_001, purpose: '修路', date: '2026-06-10' },
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('conflict');
    expect(await funds(vid)).toMatchObject({ cashReceivedFen: 10_000, cashUsedFen: 6_000, balanceFen: 4_000 });
    expect((await h.get(t.bureau, `/api/expenditures?villageId=${vid}`)).items).toHaveLength(1);
    // goods are not cash: a goods-only village cannot spend
    const goodsOnly = await h.village(t);
    await h.call('POST', '/api/donations', {
      token: t.bureau,
      body: { villageId: goodsOnly, kind: 'goods', amountFen: 99_999, donorName: 'x', donorType: 'person', description: '衣物' },
    });
    expect(
      (await h.call('POST', '/api/expenditures', { token: t.bureau, body: { villageId: goodsOnly, amountFen: 1, purpose: '修路', date: '2026-06-10' } }))
        .status,
    ).toBe(409);
  });

  it.each([[0], [-1], [1.5]])('amount %s is a 400', async (amountFen) => {
    expect((await h.call('POST', '/api/expenditures', { token: t.bureau, body: { villageId, amountFen, purpose: '修路', date: '2026-06-10' } })).status).toBe(
      400,
    );
  });

  it('concurrent expenditures against one balance never overdraw it', async () => {
    const vid = await h.village(t);
    await h.call('POST', '/api/donations', { token: t.bureau, body: { ...cash(10_000), villageId: vid } });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.call('POST', '/api/expenditures', { token: t.bureau, body: { villageId: vid, amountFen: 1_000, purpose: `支出 ${i}`, date: '2026-06-10' } }),
      ),
    );
    const created = results.filter((r) => r.status === 201).length;
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(created).toBeLessThanOrEqual(10);
    const f = await funds(vid);
    expect(f.balanceFen).toBeGreaterThanOrEqual(0);
    expect(f.cashUsedFen).toBe(created * 1_000);
    expect(f.cashReceivedFen).toBe(f.cashUsedFen + f.balanceFen + f.refundedFen);
    const listed = await h.get(t.bureau, `/api/expenditures?villageId=${vid}&limit=100`);
    expect(listed.items).toHaveLength(created);
  });

  it('a refund gives back only what is unspent', async () => {
    const vid = await h.village(t);
    const d = (await h.call('POST', '/api/donations', { token: t.bureau, body: { ...cash(5_000), villageId: vid } })).body;
    await h.call('POST', '/api/expenditures', { token: t.bureau, body: { villageId: vid, amountFen: 3_000, purpose: '修路', date: '2026-06-10' } });
    expect((await h.call('POST', `/api/donations/${d.id}/refund`, { token: t.bureau, body: {} })).status).toBe(409);
    const d2 = (await h.call('POST', '/api/donations', { token: t.bureau, body: { ...cash(1_000), villageId: vid } })).body;
    const r = await h.call('POST', `/api/donations/${d2.id}/refund`, { token: t.bureau, body: { reason: '捐赠人要求' } });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('refunded');
    expect((await h.call('POST', `/api/donations/${d2.id}/refund`, { token: t.bureau, body: {} })).status).toBe(409);
    expect(await funds(vid)).toMatchObject({ cashReceivedFen: 6_000, cashUsedFen: 3_000, balanceFen: 2_000, refundedFen: 1_000 });
  });
});
