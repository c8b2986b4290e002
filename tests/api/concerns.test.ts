import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Concerns (监督举报): anyone reports one about a village, an organization or a listing; the text is
// bounded and the client rate-limited; the bureau triages it; the public page shows only counts.

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t);
});

const report = (body: Record<string, unknown>, ip = '203.0.113.7') =>
  h.call('POST', `/api/public/${t.slug}/concerns`, { body, headers: { 'x-forwarded-for': ip } });
const village = async () => (await h.call('GET', `/api/public/${t.slug}/villages/${villageId}/transparency`)).body.village;

describe('reporting a concern', () => {
  it('is received, counted on the public page, never shown there', async () => {
    const before = await village();
    const res = await report({ subject: { kind: 'village', id: villageId }, text: '村里的捐款去向不明，秘密内容', contact: '微信 abc' }, '203.0.113.1');
    expect(res.status).toBe(201);
    expect(res.body.concernId).toEqual(expect.any(String));
    const after = await village();
    expect(after.concernsReceived - before.concernsReceived).toBe(1);
    const page = JSON.stringify((await h.call('GET', `/api/public/${t.slug}/transparency`)).body);
    expect(page).not.toContain('秘密内容');
    expect(page).not.toContain('微信 abc');
    const c = await h.get(t.bureau, `/api/concerns/${res.body.concernId}`);
    expect(c).toMatchObject({ status: 'open', text: '村里的捐款去向不明，秘密内容', contact: '微信 abc', villageId });
  });

  it('a listing’s concern counts toward its village; an organization’s toward the tenant', async () => {
    const listing = await h.listing(t, { villageId });
    const orgId = await h.organizationId(t);
    const before = await village();
    const totals = (await h.call('GET', `/api/public/${t.slug}/transparency`)).body.totals;
    expect((await report({ subject: { kind: 'produce', id: listing.id }, text: '以次充好' }, '203.0.113.2')).status).toBe(201);
    expect((await report({ subject: { kind: 'organization', id: orgId }, text: '承诺未兑现' }, '203.0.113.2')).status).toBe(201);
    expect((await village()).concernsReceived - before.concernsReceived).toBe(1);
    expect((await h.call('GET', `/api/public/${t.slug}/transparency`)).body.totals.concernsReceived - totals.concernsReceived).toBe(2);
  });

  it('10,000 characters is a 400; 2,000 is fine; an unknown subject or another tenant’s is a 404', async () => {
    expect((await report({ subject: { kind: 'village', id: villageId }, text: '字'.repeat(10_000) }, '203.0.113.3')).status).toBe(400);
    expect((await report({ subject: { kind: 'village', id: villageId }, text: '字'.repeat(2_000) }, '203.0.113.3')).status).toBe(201);
    expect((await report({ subject: { kind: 'village', id: villageId }, text: '' }, '203.0.113.3')).status).toBe(400);
    expect((await report({ subject: { kind: 'house', id: villageId }, text: 'x' }, '203.0.113.3')).status).toBe(400);
    expect((await report({ subject: { kind: 'village', id: 'vil_nope' }, text: 'x' }, '203.0.113.3')).status).toBe(404);
    const other = await h.tenant();
    expect((await report({ subject: { kind: 'village', id: await h.village(other) }, text: 'x' }, '203.0.113.3')).status).toBe(404);
  });

  it('the 21st from one client in a minute is a 429; another client is not limited', async () => {
    const body = { subject: { kind: 'village', id: villageId }, text: '重复举报' };
    const statuses = [];
    for (let i = 0; i < 21; i++) statuses.push((await report(body, '198.51.100.9')).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await report(body, '198.51.100.10')).status).toBe(201);
    h.clock.now = new Date(h.clock.now.getTime() + 61_000);
    expect((await report(body, '198.51.100.9')).status).toBe(201);
  });
});

describe('the bureau’s triage', () => {
  it('open → investigating → resolved; closed is final; the public resolved count moves once', async () => {
    const id = (await report({ subject: { kind: 'village', id: villageId }, text: '请核查' }, '203.0.113.4')).body.concernId;
    const before = await village();
    const patch = (body: Record<string, unknown>) => h.call('PATCH', `/api/concerns/${id}`, { token: t.bureau, body });
    expect((await patch({ status: 'investigating' })).body.status).toBe('investigating');
    expect((await patch({ status: 'open' })).status).toBe(409);
    expect((await patch({ status: 'resolved' })).status).toBe(400); // a resolution is required to close
    const done = await patch({ status: 'resolved', resolution: '已核实，资金使用合规' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'resolved', resolution: '已核实，资金使用合规', closedAt: expect.any(String) });
    expect((await patch({ status: 'dismissed', resolution: 'x' })).status).toBe(409);
    expect((await village()).concernsResolved - before.concernsResolved).toBe(1);
    expect((await h.audit(t, 'concern', id)).map((e) => e.action)).toEqual(['create', 'update', 'resolved']); // filed by the public (issue 15)
    const open = await h.get(t.bureau, '/api/concerns?status=resolved');
    expect(open.items.map((c: any) => c.id)).toContain(id);
    expect((await h.call('GET', '/api/concerns?status=bogus', { token: t.bureau })).status).toBe(400);
  });

  it('an org member cannot read or triage concerns', async () => {
    const org = await h.organization(t);
    expect((await h.call('GET', '/api/concerns', { token: org.member })).status).toBe(403);
  });
});
