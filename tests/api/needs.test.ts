import { beforeAll, describe, expect, it } from 'vitest';
import { readCounter } from '../../functions/modules/counters/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Village needs (需求对接): posted by the bureau or an actively paired organization, pledged whole or
// in part by approved organizations, met with evidence or withdrawn; every change moves the tenant's
// COUNTERS/NEEDS and the village's COUNTERS/NEEDS_V#<id> in the same transaction as its audit event.

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t, { name: '清水村', township: '清水镇' });
});

const store = () => new TenantStore(h.deps.doc, h.deps.tableName, t.id);
const counts = async () => ({ open: 0, pledged: 0, met: 0, withdrawn: 0, ...(await readCounter(store(), 'NEEDS')) });
const need = (extra: Record<string, unknown> = {}) => ({
  villageId,
  category: 'sales',
  title: '猕猴桃销路',
  quantity: 2000,
  unit: '公斤',
  targetDate: '2026-09-30',
  ...extra,
});
const post = (body: Record<string, unknown>, token = t.bureau) => h.call('POST', '/api/needs', { token, body });
const act = (id: string, what: string, body: Record<string, unknown>, token = t.bureau) => h.call('POST', `/api/needs/${id}/${what}`, { token, body });

describe('posting', () => {
  it('the bureau posts; counters and audit move together', async () => {
    const before = await counts();
    const res = await post(need());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'open',
      villageName: '清水村',
      township: '清水镇',
      quantity: 2000,
      pledgedQuantity: 0,
      pledges: [],
      postedByOrganizationId: null,
    });
    expect(await counts()).toEqual({ ...before, open: before.open + 1 });
    expect((await h.audit(t, 'need', res.body.id)).map((e) => e.action)).toEqual(['create']);
    expect(await h.get(t.bureau, `/api/needs/${res.body.id}`)).toEqual(res.body);
  });

  it('an organization posts only for a village it is actively paired with; a pending one may not', async () => {
    const org = await h.organization(t);
    const other = await h.village(t);
    expect((await post(need({ villageId: other }), org.member)).status).toBe(403);
    await h.activePairing(t, { villageId: other, orgId: org.id });
    const res = await post(need({ villageId: other }), org.member);
    expect(res.status).toBe(201);
    expect(res.body.postedByOrganizationId).toBe(org.id);
    const pending = await h.organization(t, {}, false);
    expect((await post(need({ villageId: other }), pending.member)).status).toBe(403);
  });

  it('bad input is a 400; an unknown or another tenant’s village a 404', async () => {
    expect((await post(need({ title: '' }))).status).toBe(400);
    expect((await post(need({ quantity: 0 }))).status).toBe(400);
    expect((await post(need({ category: 'weapons' }))).status).toBe(400);
    expect((await post(need({ quantity: undefined }))).status).toBe(400); // a unit without a quantity
    expect((await post(need({ villageId: 'vil_nope' }))).status).toBe(404);
    const other = await h.tenant();
    expect((await post(need({ villageId: await h.village(other) }))).status).toBe(404);
  });
});

describe('pledging', () => {
  it('in part: open → pledged on the first pledge, counters move once; more than is left is a 409', async () => {
    const a = await h.organization(t, { name: '甲公司' });
    const b = await h.organizationId(t, { name: '乙公司' });
    const id = (await post(need({ quantity: 100 }))).body.id;
    const before = await counts();
    const first = await act(id, 'pledge', { quantity: 60, note: '包销 60 公斤' }, a.member);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'pledged', pledgedQuantity: 60, pledges: [{ organizationId: a.id, organizationName: '甲公司', quantity: 60 }] });
    expect(await counts()).toEqual({ ...before, open: before.open - 1, pledged: before.pledged + 1 });
    expect((await act(id, 'pledge', { quantity: 41, note: '太多' }, t.bureau)).status).toBe(400); // the bureau names the organization
    const over = await act(id, 'pledge', { organizationId: b, quantity: 41, note: '太多' });
    expect(over.status).toBe(409);
    const rest = await act(id, 'pledge', { organizationId: b, note: '剩下的全包' });
    expect(rest.body).toMatchObject({ pledgedQuantity: 100, pledges: [{ quantity: 60 }, { organizationId: b, quantity: 40 }] });
    expect(await counts()).toEqual({ ...before, open: before.open - 1, pledged: before.pledged + 1 });
    expect((await act(id, 'pledge', { quantity: 1, note: '还有吗' }, a.member)).status).toBe(409);
    expect((await h.audit(t, 'need', id)).map((e) => e.action)).toEqual(['create', 'pledge', 'pledge']);
  });

  it('two pledges racing for the last units: one gets them, the other a 409', async () => {
    const a = await h.organizationId(t);
    const b = await h.organizationId(t);
    const id = (await post(need({ quantity: 10 }))).body.id;
    const [x, y] = await Promise.all([
      act(id, 'pledge', { organizationId: a, quantity: 7, note: 'A' }),
      act(id, 'pledge', { organizationId: b, quantity: 7, note: 'B' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const after = await h.get(t.bureau, `/api/needs/${id}`);
    expect(after.pledgedQuantity).toBe(7);
    expect(after.pledges).toHaveLength(1);
  });

  it('only an approved organization pledges, an org member only for its own', async () => {
    const id = (await post(need())).body.id;
    const pending = await h.organization(t, {}, false);
    expect((await act(id, 'pledge', { note: 'x' }, pending.member)).status).toBe(403);
    expect((await act(id, 'pledge', { organizationId: pending.id, note: 'x' })).status).toBe(409);
    const mine = await h.organization(t);
    const theirs = await h.organizationId(t);
    expect((await act(id, 'pledge', { organizationId: theirs, note: 'x' }, mine.member)).status).toBe(403);
    const other = await h.tenant();
    expect((await act(id, 'pledge', { organizationId: await h.organizationId(other), note: 'x' })).status).toBe(404);
    expect((await h.call('POST', `/api/needs/${id}/pledge`, { token: other.bureau, body: { organizationId: theirs, note: 'x' } })).status).toBe(404);
  });
});

describe('fulfilling and withdrawing', () => {
  it('a pledging organization marks it met with evidence; met is final', async () => {
    const org = await h.organization(t);
    const bystander = await h.organization(t);
    const id = (await post(need({ quantity: undefined, unit: undefined }))).body.id;
    await act(id, 'pledge', { note: '我们来办' }, org.member);
    expect((await act(id, 'fulfil', { note: '办完了' }, bystander.member)).status).toBe(403);
    const before = await counts();
    const done = await act(id, 'fulfil', { note: '已送达 40 套文具', evidenceUrl: 'https://example.org/photo.jpg' }, org.member);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'met',
      fulfilment: { note: '已送达 40 套文具', evidenceUrl: 'https://example.org/photo.jpg', organizationId: org.id },
    });
    expect(await counts()).toEqual({ ...before, pledged: before.pledged - 1, met: before.met + 1 });
    expect((await act(id, 'withdraw', {})).status).toBe(409);
    expect((await act(id, 'fulfil', { note: '再来' })).status).toBe(409);
    expect((await act(id, 'pledge', { note: '再来' }, org.member)).status).toBe(409);
  });

  it('the poster or the bureau withdraws; withdrawn is final', async () => {
    const org = await h.organization(t);
    const v = await h.village(t);
    await h.activePairing(t, { villageId: v, orgId: org.id });
    const stranger = await h.organization(t);
    const id = (await post(need({ villageId: v }), org.member)).body.id;
    expect((await act(id, 'withdraw', {}, stranger.member)).status).toBe(403);
    const before = await counts();
    const res = await act(id, 'withdraw', { reason: '村里已自行解决' }, org.member);
    expect(res.body).toMatchObject({ status: 'withdrawn', withdrawnReason: '村里已自行解决' });
    expect(await counts()).toEqual({ ...before, open: before.open - 1, withdrawn: before.withdrawn + 1 });
    expect((await act(id, 'withdraw', {})).status).toBe(409);
    const bureauOne = (await post(need())).body.id;
    expect((await act(bureauOne, 'withdraw', {}, org.member)).status).toBe(403);
    expect((await act(bureauOne, 'withdraw', {})).status).toBe(200);
  });
});

describe('lists and the summary', () => {
  it('filters by village, status and category; paired=true|false splits an org’s portal list', async () => {
    const tt = await h.tenant();
    const org = await h.organization(tt);
    const mine = await h.village(tt, { name: '结对村' });
    const others = await h.village(tt, { name: '别的村' });
    await h.activePairing(tt, { villageId: mine, orgId: org.id });
    const p = (body: Record<string, unknown>) => h.call('POST', '/api/needs', { token: tt.bureau, body });
    const n1 = (await p(need({ villageId: mine, category: 'education' }))).body.id;
    const n2 = (await p(need({ villageId: others }))).body.id;
    const n3 = (await p(need({ villageId: others, category: 'education' }))).body.id;
    await h.call('POST', `/api/needs/${n3}/withdraw`, { token: tt.bureau, body: {} });
    expect(await h.ids(tt.bureau, '/api/needs')).toEqual([n3, n2, n1]);
    expect(await h.ids(tt.bureau, `/api/needs?villageId=${others}`)).toEqual([n3, n2]);
    expect(await h.ids(tt.bureau, '/api/needs?status=open')).toEqual([n2, n1]);
    expect(await h.ids(tt.bureau, '/api/needs?category=education')).toEqual([n3, n1]);
    expect(await h.ids(org.member, '/api/needs?paired=true')).toEqual([n1]);
    expect(await h.ids(org.member, '/api/needs?paired=false')).toEqual([n3, n2]);
    expect(await h.ids(org.member, '/api/needs')).toEqual([n3, n2, n1]);
    const lonely = await h.organization(tt);
    expect(await h.ids(lonely.member, '/api/needs?paired=true')).toEqual([]);
    expect((await h.call('GET', '/api/needs?status=lost', { token: tt.bureau })).status).toBe(400);
    const page = await h.get(tt.bureau, '/api/needs?limit=2');
    expect(page.items).toHaveLength(2);
    expect((await h.get(tt.bureau, `/api/needs?limit=2&cursor=${page.nextCursor}`)).items.map((n: any) => n.id)).toEqual([n1]);
  });

  it('the bureau sees unmet needs per village, the most first; an org member may not', async () => {
    const tt = await h.tenant();
    const a = await h.village(tt, { name: '甲村', township: '东镇' });
    const b = await h.village(tt, { name: '乙村', township: '西镇' });
    const org = await h.organizationId(tt);
    const p = async (v: string) => (await h.call('POST', '/api/needs', { token: tt.bureau, body: need({ villageId: v }) })).body.id;
    await p(a);
    const b1 = await p(b);
    const b2 = await p(b);
    const b3 = await p(b);
    await h.call('POST', `/api/needs/${b1}/pledge`, { token: tt.bureau, body: { organizationId: org, note: '认领' } });
    // met only once pledged in full (issue 15)
    await h.call('POST', `/api/needs/${b2}/pledge`, { token: tt.bureau, body: { organizationId: org, note: '认领' } });
    await h.call('POST', `/api/needs/${b2}/fulfil`, { token: tt.bureau, body: { note: '完成' } });
    await h.call('POST', `/api/needs/${b3}/withdraw`, { token: tt.bureau, body: {} });
    const s = await h.get(tt.bureau, '/api/needs/summary');
    expect(s.items).toEqual([
      { villageId: a, villageName: '甲村', township: '东镇', open: 1, pledged: 0, met: 0 },
      { villageId: b, villageName: '乙村', township: '西镇', open: 0, pledged: 1, met: 1 },
    ]);
    const s2 = await h.call('POST', `/api/needs/${b1}/fulfil`, { token: tt.bureau, body: { note: '完成' } });
    expect(s2.status).toBe(200);
    expect((await h.get(tt.bureau, '/api/needs/summary')).items.map((i: any) => i.villageId)).toEqual([a]);
    const member = (await h.organization(tt)).member;
    expect((await h.call('GET', '/api/needs/summary', { token: member })).status).toBe(403);
  });
});
