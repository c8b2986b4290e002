import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../functions/demo/load.js';
import { recountCampaign } from '../../functions/modules/campaigns/service.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { dateInZone } from '../../shared/dates.js';
import { makeHarness, type Harness } from '../support/harness.js';

// The demo data, loaded once for these checks: the reporting history (functions/demo/reports.ts):
// Qingshui's last six weeks mostly on time, some late, a few missing — one organization warned, none
// blocked — and a quarter with both visited and flagged pairings; Anhua's recognition categories
// (seed 002); the Qingshui campaigns (functions/demo/campaigns.ts), their counters equal to a recount.

let h: Harness;
let bureau: string;

beforeAll(async () => {
  h = await makeHarness();
  await loadDemoData(h.deps.doc, h.deps.tableName);
  bureau = await h.login('admin@qingshui.demo');
}, 240_000);

describe('the Qingshui demo', () => {
  it('the latest due week has on-time, late and missing reports; one organization is warned, none blocked', async () => {
    const c = await h.get(bureau, '/api/reports/compliance');
    expect(c.due).toBe(true);
    expect(c.counts.onTime).toBeGreaterThan(5);
    expect(c.counts.late).toBeGreaterThan(0);
    expect(c.counts.missing).toBe(2);
    const streaks = c.items.map((i: any) => i.missedStreak).sort();
    expect(streaks.filter((s: number) => s >= 4)).toEqual([]);
    expect(streaks.filter((s: number) => s >= 2)).toEqual([2]);
    const grid = await h.get(bureau, '/api/reports/compliance/grid?weeks=6');
    expect(grid.rows.length).toBe(c.items.length);
  });

  it('this quarter has visited and flagged pairings, and a member sees its standing', async () => {
    const v = await h.get(bureau, '/api/visits');
    expect(v.flagged).toBeGreaterThan(0);
    expect(v.items.some((i: any) => !i.flagged)).toBe(true);
    const member = await h.login('org1@qingshui.demo');
    expect((await h.get(member, '/api/reports/standing')).level).toMatch(/ok|flagged|warned/);
    expect((await h.get(member, '/api/reports')).items.length).toBeGreaterThan(0);
  });
});

describe('the Anhua demo: seed 002’s recognition categories (rule 6)', () => {
  it('委组 at ¥50,000, 经促分会 and 工商联企业或商会 at ¥200,000: the branch’s ¥120,000 is not enough', async () => {
    const anhua = await h.login('admin@anhua.demo');
    const year = dateInZone(new Date(), 'Asia/Shanghai').slice(0, 4);
    const r = await h.get(anhua, `/api/recognition?year=${year}`);
    expect(r.categories.map((c: any) => [c.name, c.thresholdFen, c.organizations])).toEqual([
      ['委组', 5_000_000, 1],
      ['经促分会', 20_000_000, 1],
      ['工商联企业或商会', 20_000_000, 2],
    ]);
    const recognized = r.items.filter((i: any) => i.recognized).map((i: any) => [i.name, i.categoryName, i.totalFen]);
    expect(recognized).toEqual([
      ['安化县工商联茶业商会', '工商联企业或商会', 21_000_000],
      ['政协安化县委员会机关', '委组', 5_200_000],
    ]);
    // by its kind (a social organization, ¥50,000) the branch would be listed: its category holds it to ¥200,000
    const branch = r.items.find((i: any) => i.name === '安化县经济促进会第一分会');
    expect(branch).toMatchObject({ kind: 'social_org', totalFen: 12_000_000, thresholdFen: 20_000_000, recognized: false });
    expect(branch.totalFen).toBeGreaterThanOrEqual(r.thresholds.social_org);
  });
});

describe('the Qingshui demo’s campaigns', () => {
  it('a 扶贫日 ending on 17 October and an open New-Year fair, with money counted that equals the recount', async () => {
    const list = (await h.get(bureau, '/api/campaigns')).items as {
      id: string;
      kind: string;
      endDate: string;
      status: string;
      progress: { raisedFen: number; orders: number; donations: number };
    }[];
    const povertyDay = list.find((c) => c.kind === '扶贫日')!;
    const fair = list.find((c) => c.kind === '年货节')!;
    expect(povertyDay.endDate.slice(5)).toBe('10-17');
    expect(fair.status).toBe('open');
    const tenantId = (await h.get(bureau, '/api/me')).tenantId as string;
    for (const c of [povertyDay, fair]) {
      expect(c.progress).toMatchObject({ orders: 3, donations: 3 });
      expect(c.progress.raisedFen).toBeGreaterThan(0);
      const recount = await recountCampaign(new TenantStore(h.deps.doc, h.deps.tableName, tenantId), c.id);
      expect(c.progress.raisedFen).toBe(recount.raisedFen);
    }
    const pub = (await h.call('GET', `/api/public/qingshui/campaigns/${fair.id}`)).body;
    expect(pub).toMatchObject({ status: 'open', raisedFen: fair.progress.raisedFen });
    expect(pub.villages.length).toBeGreaterThan(0);
    expect(pub.produce.length).toBeGreaterThan(0);
    expect(pub.funds.cashFen).toBe(pub.funds.usedFen + pub.funds.balanceFen + pub.funds.refundedFen);
  });
});

describe('the demo’s stories (典型经验)', () => {
  it('Anhua’s 双龙村 dark-tea story is public, linked to its village, the chamber and their pairing; Qingshui keeps a draft', async () => {
    const anhua = (await h.call('GET', '/api/public/anhua/stories')).body.items as { id: string; title: string; villages: { name: string }[] }[];
    const tea = anhua.find((s) => s.villages.some((v) => v.name === '双龙村'))!;
    expect(tea.title).toContain('黑茶');
    const one = (await h.call('GET', `/api/public/anhua/stories/${tea.id}`)).body;
    expect(one.organizations.map((o: { name: string }) => o.name)).toEqual(['安化县工商联茶业商会']);
    const stories = (await h.get(await h.login('admin@anhua.demo'), '/api/stories')).items as { id: string; pairingIds: string[] }[];
    expect(stories.find((s) => s.id === tea.id)!.pairingIds).toHaveLength(1);
    const qingshui = (await h.get(bureau, '/api/stories')).items as { status: string }[];
    expect(qingshui.map((s) => s.status).sort()).toEqual(['draft', 'published']);
    expect((await h.call('GET', '/api/public/qingshui/stories')).body.items).toHaveLength(1);
  });
});
