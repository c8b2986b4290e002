import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 16, item 5: concerns get a ticket. A readable number `<SLUG>-T-YYYYMMDD-NNNN` (a per-tenant
// daily sequence in the tenant's time zone, never the same twice), a status token returned once and
// stored only hashed, and the reporter's status page (GET /api/public/:slug/concerns/:id with
// X-Status-Token): ticket, status, the bureau's reply — never the text, the contact or the trail.

let h: Harness;
let a: TestTenant; // Asia/Shanghai (the default)
let b: TestTenant; // UTC
let villageA: string;
let villageB: string;

// 15:30 UTC = 23:30 in Shanghai on 10 March
const EVENING = new Date('2026-03-10T15:30:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: EVENING, rateLimits: { concernsPerClientPerMinute: 1000, concernStatusReadsPerClientPerMinute: 5 } });
  a = await h.tenant();
  b = await h.tenant({ timeZone: 'UTC' });
  villageA = await h.village(a);
  villageB = await h.village(b);
});

afterAll(() => h.stopMail());

let client = 0;
/** A fresh client address: each call counts against its own rate limit unless told otherwise. */
const newClient = () => `198.51.100.${++client}`;

async function file(t: TestTenant, villageId: string, extra: Record<string, unknown> = {}) {
  const res = await h.call('POST', `/api/public/${t.slug}/concerns`, {
    body: { subject: { kind: 'village', id: villageId }, text: '资金去向不明，请核查', ...extra },
    headers: { 'x-forwarded-for': newClient() },
  });
  expect(res.status).toBe(201);
  return res.body as { concernId: string; ticketNo: string; statusToken: string };
}

const status = (t: Pick<TestTenant, 'slug'>, id: string, headers: Record<string, string>, ip = newClient()) =>
  h.call('GET', `/api/public/${t.slug}/concerns/${id}`, { headers: { 'x-forwarded-for': ip, ...headers } });

describe('ticket numbers', () => {
  it('<SLUG>-T-YYYYMMDD-NNNN, a sequence per tenant per day in the tenant’s time zone, kept on the concern', async () => {
    h.clock.now = EVENING;
    const a1 = await file(a, villageA);
    const b1 = await file(b, villageB);
    const a2 = await file(a, villageA);
    expect(a1.ticketNo).toBe(`${a.slug.toUpperCase()}-T-20260310-0001`);
    expect(a2.ticketNo).toBe(`${a.slug.toUpperCase()}-T-20260310-0002`);
    expect(b1.ticketNo).toBe(`${b.slug.toUpperCase()}-T-20260310-0001`); // its own sequence

    // 16:30 UTC: already the 11th in Shanghai (a new sequence), still the 10th in UTC
    h.clock.now = new Date('2026-03-10T16:30:00Z');
    expect((await file(a, villageA)).ticketNo).toBe(`${a.slug.toUpperCase()}-T-20260311-0001`);
    expect((await file(b, villageB)).ticketNo).toBe(`${b.slug.toUpperCase()}-T-20260310-0002`);

    // the console shows it
    expect((await h.get(a.bureau, `/api/concerns/${a1.concernId}`)).ticketNo).toBe(a1.ticketNo);
    const list = await h.get(a.bureau, '/api/concerns?limit=100&status=open');
    expect(list.items.find((c: { id: string }) => c.id === a1.concernId).ticketNo).toBe(a1.ticketNo);
  });

  it('10 filings at once never share a number', async () => {
    h.clock.now = new Date('2026-03-12T02:00:00Z');
    const filed = await Promise.all(Array.from({ length: 10 }, () => file(a, villageA)));
    const nos = filed.map((f) => f.ticketNo);
    expect(new Set(nos).size).toBe(10);
    for (const no of nos) expect(no).toMatch(new RegExp(`^${a.slug.toUpperCase()}-T-20260312-\\d{4}$`));
    expect(nos.map((n) => Number(n.slice(-4))).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('the console finds a concern by its number (any case), its own tenant’s only; a malformed number is a 400', async () => {
    h.clock.now = new Date('2026-03-13T02:00:00Z');
    const c = await file(a, villageA);
    const found = await h.get(a.bureau, `/api/concerns?ticketNo=${c.ticketNo.toLowerCase()}`);
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([c.concernId]);
    expect((await h.get(b.bureau, `/api/concerns?ticketNo=${c.ticketNo}`)).items).toEqual([]);
    const bad = await h.call('GET', '/api/concerns?ticketNo=nope', { token: a.bureau });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('ticketNo');
  });

  it('the reporter’s email carries the ticket number and a link to the status page', async () => {
    const c = await file(a, villageA, { contact: 'Ticket-Reporter@Example.com' });
    await h.deliver();
    const [received] = await h.mail('ticket-reporter@example.com');
    expect(received.subject).toBe(`已收到您的反映（编号 ${c.ticketNo}）`);
    expect(received.text).toContain(`/shop/${a.slug}/concerns/${c.concernId}#token=${c.statusToken}`);
    // a reply (without a status change) is news for the reporter too
    expect((await h.call('PATCH', `/api/concerns/${c.concernId}`, { token: a.bureau, body: { resolution: '已转交乡镇核查' } })).status).toBe(200);
    await h.deliver();
    const mails = await h.mail('ticket-reporter@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toContain(c.ticketNo);
    expect(mails[0].text).toContain('处理结果：已转交乡镇核查');
  });
});

describe('the status page', () => {
  it('answers the ticket, the subject and the status — never the text, the contact or the token’s hash; no-store', async () => {
    const c = await file(a, villageA, { text: '秘密内容 13912345678', contact: 'secret-reporter@example.com' });
    const res = await status(a, c.concernId, { 'x-status-token': c.statusToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      id: c.concernId,
      ticketNo: c.ticketNo,
      subjectKind: 'village',
      subjectName: expect.any(String),
      status: 'open',
      reply: null,
      repliedAt: null,
      createdAt: h.clock.now.toISOString(),
      updatedAt: h.clock.now.toISOString(),
      closedAt: null,
    });
    const raw = JSON.stringify(res.body);
    expect(raw).not.toMatch(/秘密内容|13912345678|secret-reporter|Hash|statusToken/);
    // the shared header of the order and donation pages works too
    expect((await status(a, c.concernId, { 'x-access-token': c.statusToken })).status).toBe(200);
    // the token is stored only hashed: not on the concern, not in the console, not in the trail
    const consoleView = await h.get(a.bureau, `/api/concerns/${c.concernId}`);
    expect(JSON.stringify(consoleView)).not.toMatch(/Hash|statusToken/);
    expect(JSON.stringify(await h.audit(a, 'concern', c.concernId))).not.toContain(c.statusToken);
  });

  it('a wrong token, no token, an unknown id and another tenant’s id are the same 404, with no-store', async () => {
    const c = await file(a, villageA);
    const wrong = await status(a, c.concernId, { 'x-status-token': c.statusToken.slice(0, -2) + 'xx' });
    const missing = await status(a, c.concernId, {});
    const unknown = await status(a, 'con_doesnotexist', { 'x-status-token': c.statusToken });
    const elsewhere = await status(b, c.concernId, { 'x-status-token': c.statusToken });
    for (const r of [wrong, missing, unknown, elsewhere]) {
      expect(r.status).toBe(404);
      expect(r.body).toEqual(wrong.body);
    }
    expect(wrong.headers.get('cache-control')).toBe('no-store');
    expect(elsewhere.headers.get('cache-control')).toBe('no-store');
  });

  it('follows the triage: received → investigating → resolved with the bureau’s reply, audited in the same change', async () => {
    const c = await file(a, villageA);
    const read = async () => (await status(a, c.concernId, { 'x-status-token': c.statusToken })).body;
    const patch = (body: Record<string, unknown>) => h.call('PATCH', `/api/concerns/${c.concernId}`, { token: a.bureau, body });

    h.clock.now = new Date('2026-03-14T01:00:00Z');
    expect((await patch({ status: 'investigating' })).status).toBe(200);
    expect(await read()).toMatchObject({ status: 'investigating', reply: null, closedAt: null, updatedAt: '2026-03-14T01:00:00.000Z' });

    h.clock.now = new Date('2026-03-14T02:00:00Z');
    expect((await patch({ resolution: '已转交乡镇核查，请耐心等待' })).status).toBe(200);
    expect(await read()).toMatchObject({ status: 'investigating', reply: '已转交乡镇核查，请耐心等待', repliedAt: '2026-03-14T02:00:00.000Z' });

    h.clock.now = new Date('2026-03-15T02:00:00Z');
    expect((await patch({ status: 'resolved', resolution: '已核实，资金使用合规' })).status).toBe(200);
    expect(await read()).toMatchObject({
      status: 'resolved',
      reply: '已核实，资金使用合规',
      repliedAt: '2026-03-15T02:00:00.000Z',
      closedAt: '2026-03-15T02:00:00.000Z',
    });

    // every change, the reply included, is in the trail (written in the change's own transaction)
    const trail = await h.audit(a, 'concern', c.concernId);
    expect(trail.map((e) => e.action)).toEqual(['create', 'update', 'update', 'resolved']);
    expect(trail[2].after.resolution).toBe('已转交乡镇核查，请耐心等待');

    // a dismissed one shows as dismissed
    const d = await file(a, villageA);
    expect(
      (await h.call('PATCH', `/api/concerns/${d.concernId}`, { token: a.bureau, body: { status: 'dismissed', resolution: '不属于帮扶资金范围' } })).status,
    ).toBe(200);
    expect((await status(a, d.concernId, { 'x-status-token': d.statusToken })).body).toMatchObject({ status: 'dismissed', reply: '不属于帮扶资金范围' });
  });

  it('is rate-limited per client and tenant (the 6th read in a minute is a 429, another client is not)', async () => {
    h.clock.now = new Date('2026-03-16T02:00:30Z');
    const c = await file(a, villageA);
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await status(a, c.concernId, { 'x-status-token': c.statusToken }, ip)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await status(a, c.concernId, { 'x-status-token': c.statusToken })).status).toBe(200);
    h.clock.now = new Date('2026-03-16T02:01:30Z');
    expect((await status(a, c.concernId, { 'x-status-token': c.statusToken }, ip)).status).toBe(200);
  });
});
