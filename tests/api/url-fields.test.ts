import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 15, hole 6: every URL a person may click (a met need's evidence, an expenditure's) is http
// or https; a `javascript:` link is a 400 on its field and changes nothing.

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t);
});

describe('URL fields', () => {
  it('a need cannot be closed with a javascript: evidence link', async () => {
    const need = (await h.call('POST', '/api/needs', { token: t.bureau, body: { villageId, category: 'sales', title: '销路', quantity: 10, unit: '箱' } }))
      .body;
    const bad = await h.call('POST', `/api/needs/${need.id}/fulfil`, {
      token: t.bureau,
      body: { note: '完成', evidenceUrl: 'javascript:alert(document.cookie)' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'evidenceUrl', message: '证明材料链接须为 http 或 https 网址' });
    expect((await h.get(t.bureau, `/api/needs/${need.id}`)).status).toBe('open');
    // met needs the pledges to cover it (hole 7): an organization pledges all 10 first
    const org = await h.organization(t);
    expect((await h.call('POST', `/api/needs/${need.id}/pledge`, { token: org.member, body: { quantity: 10, note: '认领' } })).status).toBe(200);
    const ok = await h.call('POST', `/api/needs/${need.id}/fulfil`, { token: t.bureau, body: { note: '完成', evidenceUrl: 'https://example.org/photo.jpg' } });
    expect(ok.status).toBe(200);
  });

  it('an expenditure cannot carry a data: or javascript: evidence link', async () => {
    for (const evidenceUrl of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const res = await h.call('POST', '/api/expenditures', {
        token: t.bureau,
        body: { villageId, amountFen: 100, purpose: '修路', date: '2026-06-01', evidenceUrl },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('evidenceUrl');
    }
    expect((await h.get(t.bureau, `/api/villages/${villageId}/funds`)).cashUsedFen).toBe(0);
  });
});
