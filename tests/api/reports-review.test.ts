import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_DEADLINE } from '../../shared/tenant-defaults.js';
import { readWeeks, weekCounterName } from '../../functions/modules/report-weeks/weeks.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness } from '../support/harness.js';

// Issue 6 review findings on the reports module: week and quarter inputs limited to the years
// 2000–2099 (anything else only made junk snapshot items), and a back-dated end racing the first
// fill of a week snapshot from the pairing records is not undone by that fill.

let h: Harness;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-17T04:00:00Z') });
});

const storeOf = (tenantId: string) => new TenantStore(h.deps.doc, h.deps.tableName, tenantId);

describe('week and quarter inputs: years 2000–2099 only', () => {
  it('a quarter or a Monday outside them is a 400 naming the field, and no snapshot item is written', async () => {
    const t = await h.tenant();
    const orgId = await h.organizationId(t);
    const get = (url: string) => h.call('GET', url, { token: t.bureau });
    for (const q of ['0000-Q1', '0099-Q4', '1999-Q4', '2100-Q1']) {
      const res = await get(`/api/visits?quarter=${q}`);
      expect(res.status, q).toBe(400);
      expect(JSON.stringify(res.body)).toContain('quarter');
    }
    expect((await get('/api/visits?quarter=2026-Q1')).status).toBe(200);
    expect((await get('/api/visits?quarter=2000-Q1')).status).toBe(200);
    // Mondays all: 0001-01-01, 0099-12-28, 1999-12-27, 2100-01-04
    for (const w of ['0001-01-01', '0099-12-28', '1999-12-27', '2100-01-04']) {
      expect((await get(`/api/reports/compliance?weekStart=${w}`)).status, w).toBe(400);
      expect((await get(`/api/reports/compliance/grid?to=${w}`)).status, w).toBe(400);
      expect((await get(`/api/reports?weekStart=${w}`)).status, w).toBe(400);
      const post = await h.call('POST', '/api/reports', {
        token: t.bureau,
        body: { organizationId: orgId, weekStart: w, summary: '走访', progress: '进展', results: '成效' },
      });
      expect(post.status, w).toBe(400);
      expect(JSON.stringify(post.body)).toContain('2000–2099');
    }
    expect((await get('/api/reports/compliance?weekStart=2026-06-08')).status).toBe(200);
    // a grid reaching back before 2000 from a valid Monday
    expect((await get('/api/reports/compliance/grid?to=2000-01-10&weeks=3')).status).toBe(400);
    expect((await get('/api/reports/compliance/grid?to=2000-01-17&weeks=3')).status).toBe(200);
    // the refined query still documents its parameters
    const spec = (await h.call('GET', '/api/openapi.json')).body as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect((spec.paths['/reports/compliance/grid'] ?? spec.paths['/api/reports/compliance/grid'])?.get?.parameters?.map((p) => p.name).sort()).toEqual([
      'to',
      'weeks',
    ]);
    const store = storeOf(t.id);
    const counters = await store.queryAll<{ sk: string }>({ pk: store.pk('COUNTERS') }, 10_000);
    expect(counters.map((c) => c.sk).filter((sk) => /#(0\d{3}|1\d{3}|21\d{2})-/.test(sk))).toEqual([]);
  });
});

describe('a back-dated end racing the first fill of a week snapshot', () => {
  it('the end lands between the fill’s read of the pairing records and its write: the organization stays out of the week', async () => {
    h.clock.now = new Date('2026-06-02T04:00:00Z');
    const t = await h.tenant();
    const villageId = await h.village(t);
    const orgId = await h.organizationId(t);
    const pairing = await h.activePairing(t, { villageId, orgId, startDate: '2026-06-01' });
    h.clock.now = new Date('2026-06-16T04:00:00Z');
    const store = storeOf(t.id);
    const week = '2026-06-08'; // never read yet: the first read fills it from the records
    expect(await store.get(store.pk('COUNTERS'), weekCounterName(week))).toBeNull();

    let ended = 0;
    const racing = new Proxy(store, {
      get(target, prop) {
        if (prop === 'queryAll') {
          return async (q: { pk: string }, max?: number) => {
            const out = await target.queryAll(q as never, max);
            if (q.pk === target.pk('PAIRING') && ended === 0) {
              ended += 1;
              // the end lands now, after the records were read and before the fill writes
              const res = await h.call('POST', `/api/pairings/${pairing.id}/end`, { token: t.bureau, body: { endDate: '2026-06-07' } });
              expect(res.status).toBe(200);
            }
            return out;
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const rules = { timeZone: 'Asia/Shanghai', deadline: DEFAULT_REPORT_DEADLINE, today: '2026-06-16' };
    const filled = (await readWeeks(racing as TenantStore, [week], rules)).get(week)!;
    expect(ended).toBe(1);
    expect(filled.expected.has(orgId)).toBe(false);
    // and as stored: a later read (the dashboard's, the compliance page's) does not see it either
    const again = (await readWeeks(store, [week], rules)).get(week)!;
    expect(again.materialized).toBe(true);
    expect(again.expected.has(orgId)).toBe(false);
    const compliance = await h.call('GET', `/api/reports/compliance?weekStart=${week}`, { token: t.bureau });
    expect(compliance.status).toBe(200);
    expect(compliance.body.items.map((i: { organizationId: string }) => i.organizationId)).not.toContain(orgId);
  });
});
