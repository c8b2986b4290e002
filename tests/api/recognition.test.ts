import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 6: organizations whose confirmed donations (cash + goods) reach the tenant's threshold for
// their kind (defaults ¥50,000 social organizations and public institutions, ¥200,000 enterprises).

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t);
});

const give = (organizationId: string, kind: 'cash' | 'goods', amountFen: number, donorType = 'organization') =>
  h.call('POST', '/api/donations', {
    token: t.bureau,
    body: { villageId, kind, amountFen, donorName: '捐赠单位', donorType, organizationId, ...(kind === 'goods' ? { description: '物资' } : {}) },
  });

describe('recognition', () => {
  it('lists organizations at or over their kind’s threshold, with totals; settings change it', async () => {
    const school = await h.organizationId(t, { kind: 'social_org', name: '爱心学校' });
    const company = await h.organizationId(t, { kind: 'enterprise', name: '大企业' });
    const small = await h.organizationId(t, { kind: 'enterprise', name: '小企业' });
    await give(school, 'cash', 3_000_000);
    await give(school, 'goods', 2_000_000); // 50,000 yuan: reaches the social-org threshold exactly
    await give(company, 'cash', 19_999_999);
    await give(small, 'cash', 10_000_000);
    await give(small, 'cash', 99_000_000, 'person'); // a person's gift passed on: not the company's own
    const r = await h.get(t.bureau, '/api/recognition');
    expect(r.thresholds).toEqual({ enterprise: 20_000_000, social_org: 5_000_000, public_institution: 5_000_000 });
    expect(r.items).toEqual([
      { organizationId: school, name: '爱心学校', kind: 'social_org', cashFen: 3_000_000, goodsFen: 2_000_000, totalFen: 5_000_000, thresholdFen: 5_000_000 },
    ]);

    await give(company, 'cash', 1);
    expect((await h.get(t.bureau, '/api/recognition')).items.map((i: any) => i.name)).toEqual(['大企业', '爱心学校']);

    const s = await h.call('PATCH', '/api/settings', {
      token: t.bureau,
      body: { recognitionThresholds: { enterprise: 10_000_000, social_org: 6_000_000, public_institution: 5_000_000 } },
    });
    expect(s.status).toBe(200);
    expect((await h.get(t.bureau, '/api/recognition')).items.map((i: any) => i.name)).toEqual(['大企业', '小企业']);
    expect(
      (await h.call('PATCH', '/api/settings', { token: t.bureau, body: { recognitionThresholds: { enterprise: 0, social_org: 1, public_institution: 1 } } }))
        .status,
    ).toBe(400);
  });

  it('a refund takes the donation off the totals', async () => {
    const org = await h.organizationId(t, { kind: 'public_institution', name: '事业单位' });
    const d = (await give(org, 'cash', 5_000_000)).body;
    expect((await h.get(t.bureau, '/api/recognition')).items.map((i: any) => i.name)).toContain('事业单位');
    expect((await h.call('POST', `/api/donations/${d.id}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    expect((await h.get(t.bureau, '/api/recognition')).items.map((i: any) => i.name)).not.toContain('事业单位');
  });

  it('an org member may not read it', async () => {
    const org = await h.organization(t);
    expect((await h.call('GET', '/api/recognition', { token: org.member })).status).toBe(403);
  });
});
