import { beforeAll, describe, expect, it } from 'vitest';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { counterKey, ORG_FUNDS_YEARS_BACKFILLED } from '../../functions/modules/counters/store.js';
import { orgFundsKey } from '../../functions/modules/donations/store.js';
import { backfillOrgFundsYears } from '../../functions/modules/recognition/backfill.js';
import { makeHarness, makeOrganization, type Harness, type TestTenant } from '../support/harness.js';

// Rule 6 (docs/DOMAIN.md): the tenant's recognition categories, each with a threshold; each
// organization against its category's threshold (outside every category: its kind's threshold
// from the settings), over one calendar year of its own confirmed money and goods, net of refunds.

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t);
});

const give = (organizationId: string, kind: 'cash' | 'goods', amountFen: number, opts: { donorType?: string; date?: string; tenant?: TestTenant } = {}) =>
  h.call('POST', '/api/donations', {
    token: (opts.tenant ?? t).bureau,
    body: {
      villageId: opts.tenant ? undefined : villageId,
      kind,
      amountFen,
      donorName: '捐赠单位',
      donorType: opts.donorType ?? 'organization',
      organizationId,
      ...(opts.date ? { date: opts.date } : {}),
      ...(kind === 'goods' ? { description: '物资' } : {}),
    },
  });
const category = (name: string, thresholdFen: number, tenant = t) =>
  h.call('POST', '/api/recognition/categories', { token: tenant.bureau, body: { name, thresholdFen } });
const assign = (orgId: string, categoryId: string | null, tenant = t) =>
  h.call('PUT', `/api/recognition/organizations/${orgId}/category`, { token: tenant.bureau, body: { categoryId } });
const entry = async (orgId: string, year?: string) =>
  (await h.get(t.bureau, `/api/recognition${year ? `?year=${year}` : ''}`)).items.find((i: any) => i.organizationId === orgId);

describe('recognition categories (rule 6)', () => {
  it('an organization is held to its category’s threshold, not its kind’s', async () => {
    const branch = await h.organizationId(t, { kind: 'social_org', name: '经促第一分会' });
    const committee = await h.organizationId(t, { kind: 'social_org', name: '政协第一委组' });
    await give(branch, 'cash', 8_000_000); // ¥80,000: a social organization's ¥50,000, not a branch's ¥200,000
    await give(committee, 'cash', 3_000_000);
    await give(committee, 'goods', 2_000_000); // ¥50,000 exactly
    expect((await entry(branch)).recognized).toBe(true); // outside every category: its kind's threshold

    const c1 = (await category('经促分会', 20_000_000)).body;
    const c2 = (await category('委组', 5_000_000)).body;
    expect((await assign(branch, c1.id)).body).toEqual({ organizationId: branch, categoryId: c1.id });
    expect((await assign(committee, c2.id)).status).toBe(200);

    const list = await h.get(t.bureau, '/api/recognition');
    expect(list.year).toBe('2026');
    expect(list.items.find((i: any) => i.organizationId === branch)).toMatchObject({
      categoryId: c1.id,
      categoryName: '经促分会',
      cashFen: 8_000_000,
      totalFen: 8_000_000,
      thresholdFen: 20_000_000,
      recognized: false,
    });
    expect(list.items.find((i: any) => i.organizationId === committee)).toMatchObject({ categoryName: '委组', totalFen: 5_000_000, recognized: true });
    // recognized first
    const firstUnrecognized = list.items.findIndex((i: any) => !i.recognized);
    expect(list.items.slice(firstUnrecognized).every((i: any) => !i.recognized)).toBe(true);
    expect(list.categories.find((c: any) => c.id === c1.id).organizations).toBe(1);

    // a threshold change applies at once; out of the category, the kind's threshold again
    expect((await h.call('PATCH', `/api/recognition/categories/${c1.id}`, { token: t.bureau, body: { thresholdFen: 8_000_000 } })).status).toBe(200);
    expect((await entry(branch)).recognized).toBe(true);
    expect((await assign(branch, null)).body.categoryId).toBeNull();
    expect(await entry(branch)).toMatchObject({ categoryId: null, thresholdFen: 5_000_000 });
  });

  it('lists approved and suspended organizations only; a suspended one is never recognized', async () => {
    const make = async (name: string) => {
      const r = await h.call('POST', '/api/organizations', {
        token: t.bureau,
        body: makeOrganization({ name }),
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const pending = await make('待审企业');
    const rejected = await make('未通过企业');
    expect((await h.call('POST', `/api/organizations/${rejected}/reject`, { token: t.bureau, body: { reason: '资质不符' } })).status).toBe(200);
    const s = await h.organization(t, { name: '暂停企业' });
    expect((await give(s.id, 'cash', 30_000_000)).status).toBe(201);
    expect(await entry(s.id)).toMatchObject({ recognized: true, suspended: false });
    expect((await h.call('POST', `/api/organizations/${s.id}/suspend`, { token: t.bureau, body: {} })).status).toBe(200);
    const list = (await h.get(t.bureau, '/api/recognition')).items.map((i: any) => i.organizationId);
    expect(list).not.toContain(pending);
    expect(list).not.toContain(rejected);
    expect(await entry(s.id)).toMatchObject({ totalFen: 30_000_000, recognized: false, suspended: true });
  });

  it('counts the year of each donation’s date; a refund leaves the year it was counted in', async () => {
    const org = await h.organizationId(t, { kind: 'enterprise', name: '跨年企业' });
    await give(org, 'cash', 15_000_000, { date: '2025-12-31' });
    const d = (await give(org, 'cash', 6_000_000, { date: '2026-01-01' })).body;
    await give(org, 'goods', 1_000_000, { date: '2026-03-01' });
    await give(org, 'cash', 99_000_000, { donorType: 'person', date: '2026-03-02' }); // a person's gift passed on
    expect(await entry(org, '2025')).toMatchObject({ cashFen: 15_000_000, goodsFen: 0, recognized: false });
    expect(await entry(org, '2026')).toMatchObject({ cashFen: 6_000_000, goodsFen: 1_000_000, totalFen: 7_000_000 });
    expect(await entry(org)).toMatchObject({ totalFen: 7_000_000 }); // this year by default
    expect((await h.call('POST', `/api/donations/${d.id}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    expect(await entry(org, '2026')).toMatchObject({ cashFen: 0, goodsFen: 1_000_000 });
    expect(await entry(org, '2025')).toMatchObject({ cashFen: 15_000_000 });
  });

  it('the backfill writes the per-year columns of donations counted before they existed, once', async () => {
    const org = await h.organizationId(t, { kind: 'enterprise', name: '旧数据企业' });
    await give(org, 'cash', 4_000_000, { date: '2024-05-01' });
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    // as a table written before the per-year columns: the year column gone, the marker gone
    const k = orgFundsKey(store, org);
    await store.put({ ...k, organizationId: org, cashFen: 4_000_000 });
    const marker = counterKey(store, ORG_FUNDS_YEARS_BACKFILLED);
    await store.delete(marker.pk, marker.sk);
    expect(await entry(org, '2024')).toMatchObject({ cashFen: 0 });
    expect(await backfillOrgFundsYears(store, h.clock.now)).toBe(true);
    expect(await entry(org, '2024')).toMatchObject({ cashFen: 4_000_000 });
    expect(await backfillOrgFundsYears(store, h.clock.now)).toBe(false);
  });

  it('bad input is a 400 on the field and writes nothing', async () => {
    const before = (await h.get(t.bureau, '/api/recognition/categories')).items.length;
    for (const body of [
      { name: '', thresholdFen: 100 },
      { name: '零门槛', thresholdFen: 0 },
      { name: '小数', thresholdFen: 10.5 },
      { name: '太长'.repeat(20), thresholdFen: 100 },
    ]) {
      const r = await h.call('POST', '/api/recognition/categories', { token: t.bureau, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details[0].path).toMatch(/^(name|thresholdFen)$/);
    }
    expect((await h.call('GET', '/api/recognition?year=26', { token: t.bureau })).status).toBe(400);
    expect((await h.get(t.bureau, '/api/recognition/categories')).items.length).toBe(before);

    const dup = await category('重名类别', 100);
    expect(dup.status).toBe(201);
    const again = await category(' 重名类别 ', 200);
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].path).toBe('name');
    const other = (await category('另一类别', 100)).body;
    expect((await h.call('PATCH', `/api/recognition/categories/${other.id}`, { token: t.bureau, body: { name: '重名类别' } })).status).toBe(409);
    expect((await h.get(t.bureau, '/api/recognition/categories')).items.map((c: any) => c.name)).toEqual(expect.arrayContaining(['重名类别', '另一类别']));
  });

  it('another tenant’s category or organization is a 404 and changes nothing', async () => {
    const u = await h.tenant();
    const theirs = (await category('他县类别', 100, u)).body;
    const theirOrg = await h.organizationId(u, { name: '他县组织' });
    const ours = await h.organizationId(t, { name: '本县组织' });
    const r = await assign(ours, theirs.id);
    expect(r.status).toBe(404);
    expect(r.body.error.details[0].path).toBe('categoryId');
    expect((await entry(ours)).categoryId).toBeNull();
    const mine = (await category('本县类别', 100)).body;
    expect((await assign(theirOrg, mine.id)).status).toBe(404);
    expect((await h.call('PATCH', `/api/recognition/categories/${theirs.id}`, { token: t.bureau, body: { thresholdFen: 1 } })).status).toBe(404);
    expect((await h.get(u.bureau, '/api/recognition/categories')).items[0].thresholdFen).toBe(100);
  });

  it('lists the helpers named in the most activities of the year (先进个人)', async () => {
    const org = await h.organization(t, { name: '队员单位' });
    const p = await h.activePairing(t, { orgId: org.id, villageId, startDate: '2025-06-01' });
    const helper = async (name: string) =>
      (await h.call('POST', `/api/organizations/${org.id}/helpers`, { token: org.member, body: { name, role: '帮扶队员', phone: '13800001111' } })).body.id;
    const [zhang, li] = [await helper('张队员'), await helper('李队员')];
    const log = (date: string, helperIds: string[]) =>
      h.call('POST', `/api/pairings/${p.id}/activities`, {
        token: org.member,
        body: { date, type: 'visit', peopleReached: 3, description: '入户走访', participants: { headcount: helperIds.length + 1, helperIds } },
      });
    expect((await log('2026-02-01', [zhang, li])).status).toBe(201);
    expect((await log('2026-03-01', [zhang])).status).toBe(201);
    expect((await log('2025-12-01', [li])).status).toBe(201);
    expect((await log('2025-12-02', [li])).status).toBe(201);
    const y2026 = (await h.get(t.bureau, '/api/recognition?year=2026')).helpers;
    expect(y2026.map((x: any) => [x.name, x.organizationName, x.activities])).toEqual([
      ['张队员', '队员单位', 2],
      ['李队员', '队员单位', 1],
    ]);
    expect((await h.get(t.bureau, '/api/recognition?year=2025')).helpers.map((x: any) => [x.name, x.activities])).toEqual([['李队员', 2]]);
    // no phone in the list
    expect(JSON.stringify(y2026)).not.toContain('1380000');
  });

  it('an org member may neither read nor change it', async () => {
    const org = await h.organization(t);
    expect((await h.call('GET', '/api/recognition', { token: org.member })).status).toBe(403);
    expect((await h.call('GET', '/api/recognition/categories', { token: org.member })).status).toBe(403);
    expect((await h.call('POST', '/api/recognition/categories', { token: org.member, body: { name: '自封', thresholdFen: 1 } })).status).toBe(403);
    expect((await h.call('PUT', `/api/recognition/organizations/${org.id}/category`, { token: org.member, body: { categoryId: null } })).status).toBe(403);
  });
});
