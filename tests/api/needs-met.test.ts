import { beforeAll, describe, expect, it } from 'vitest';
import { readCounter } from '../../functions/modules/counters/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 15, hole 7: a need is met only when its pledges cover it (the pledged quantity reaches the
// need's quantity; a need without one, once pledged) — else 409 saying what is missing — or when
// the bureau closes it with a reason, recorded on the need and in the audit trail.

let h: Harness;
let t: TestTenant;
let villageId: string;
let org: { id: string; member: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t);
  org = await h.organization(t);
});

const store = () => new TenantStore(h.deps.doc, h.deps.tableName, t.id);
const counts = async () => ({ open: 0, pledged: 0, met: 0, withdrawn: 0, ...(await readCounter(store(), 'NEEDS')) });
const post = async (extra: Record<string, unknown> = {}) =>
  (await h.call('POST', '/api/needs', { token: t.bureau, body: { villageId, category: 'industry', title: '有机肥', quantity: 2000, unit: '公斤', ...extra } }))
    .body.id as string;
const act = (id: string, what: string, body: Record<string, unknown>, token = t.bureau) => h.call('POST', `/api/needs/${id}/${what}`, { token, body });

describe('met means covered', () => {
  it('800 pledged of 2,000: neither the organization nor the bureau can mark it met; the 409 says what is missing', async () => {
    const id = await post();
    expect((await act(id, 'pledge', { quantity: 800, note: '先认领 800 公斤' }, org.member)).status).toBe(200);
    const before = await counts();
    for (const token of [org.member, t.bureau]) {
      const res = await act(id, 'fulfil', { note: '已送达' }, token);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('800/2000');
      expect(res.body.error.message).toContain('还差 1200公斤');
      expect(res.body.error.details).toMatchObject({ pledged: 800, quantity: 2000, missing: 1200 });
    }
    const n = await h.get(t.bureau, `/api/needs/${id}`);
    expect(n).toMatchObject({ status: 'pledged', pledgedQuantity: 800, fulfilment: null });
    expect(await counts()).toEqual(before);
    expect((await h.audit(t, 'need', id)).map((e) => e.action)).toEqual(['create', 'pledge']);

    // pledged in full by a second organization: now it can be met
    const other = await h.organization(t);
    expect((await act(id, 'pledge', { quantity: 1200, note: '认领其余' }, other.member)).status).toBe(200);
    const met = await act(id, 'fulfil', { note: '2000 公斤全部送达' }, org.member);
    expect(met.status).toBe(200);
    expect(met.body).toMatchObject({ status: 'met', pledgedQuantity: 2000, closure: null });
  });

  it('a need without a quantity needs a pledge before it is met', async () => {
    const id = await post({ quantity: undefined, unit: undefined, title: '远程问诊设备' });
    const res = await act(id, 'fulfil', { note: '办好了' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/还没有组织认领/);
    expect((await act(id, 'pledge', { note: '我们来' }, org.member)).status).toBe(200);
    expect((await act(id, 'fulfil', { note: '设备已安装' }, org.member)).status).toBe(200);
  });
});

describe('the bureau closes a need with a reason', () => {
  it('requires a reason; records and audits it; the need counts as met; final afterwards', async () => {
    const id = await post();
    await act(id, 'pledge', { quantity: 800, note: '认领 800' }, org.member);
    for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
      const res = await act(id, 'close', body);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'reason' }));
    }
    expect((await act(id, 'close', { reason: '其余由县财政解决' }, org.member)).status).toBe(403);
    const before = await counts();
    const closed = await act(id, 'close', { reason: '其余 1200 公斤已由县农业农村局项目解决' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'met',
      pledgedQuantity: 800,
      fulfilment: null,
      closure: { reason: '其余 1200 公斤已由县农业农村局项目解决', pledgedQuantity: 800, at: expect.any(String) },
    });
    expect(await counts()).toEqual({ ...before, pledged: before.pledged - 1, met: before.met + 1 });
    const trail = await h.audit(t, 'need', id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'pledge', 'close']);
    expect(trail.at(-1).after.closure.reason).toBe('其余 1200 公斤已由县农业农村局项目解决');
    expect((await act(id, 'close', { reason: '再关一次' })).status).toBe(409);
    expect((await act(id, 'fulfil', { note: '再完成' })).status).toBe(409);
    expect(await h.get(t.bureau, `/api/needs/${id}`)).toEqual(closed.body);
  });

  it('another tenant’s need is a 404', async () => {
    const id = await post();
    const other = await h.tenant();
    expect((await act(id, 'close', { reason: '越权关闭' }, other.bureau)).status).toBe(404);
    expect((await h.get(t.bureau, `/api/needs/${id}`)).status).toBe('open');
  });
});
