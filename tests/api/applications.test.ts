import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode, JPEG_HEAD, makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';
import { withCheckChar } from '../../shared/credit-code.js';

// Applications to join (issue 14): an organization applies without an account, with its
// registration documents; the bureau approves (organization + invitation, once) or rejects.

let h: Harness;
let t: TestTenant;
let other: TestTenant;
let villageId: string;

const PDF = new Uint8Array([...Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')]);

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  [t, other] = [await h.tenant(), await h.tenant()];
  villageId = await h.village(t, { name: '申请村' });
});
afterAll(() => h.stopMail());

type Doc = { name: string; type: string; bytes: Uint8Array };
const pdf = (name = '营业执照.pdf'): Doc => ({ name, type: 'application/pdf', bytes: PDF });

function form(fields: Record<string, string | string[]>, docs: Doc[]): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  for (const d of docs) f.append('documents', new File([d.bytes as Uint8Array<ArrayBuffer>], d.name, { type: d.type }));
  return f;
}

const fields = (over: Record<string, string | string[]> = {}) => ({
  name: '青山科技有限公司',
  kind: 'enterprise',
  creditCode: creditCode(),
  contactName: '李经理',
  contactPhone: '13912345678',
  email: `apply${Math.random().toString(36).slice(2, 8)}@example.com`,
  villageIds: [villageId],
  description: '愿意帮助销售农产品',
  ...over,
});

async function apply(f: Record<string, string | string[]>, docs: Doc[] = [pdf()], slug = t.slug, headers: Record<string, string> = {}) {
  const res = await h.app.request(`/api/public/${slug}/applications`, {
    method: 'POST',
    body: form(f, docs),
    headers: { 'x-forwarded-for': '198.51.100.7', ...headers },
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const count = async () => (await h.get(t.bureau, '/api/applications?limit=100')).items.length;

describe('applying', () => {
  it('stores the application and its private documents, tells the bureau, and shows its status to the token holder only', async () => {
    const f = fields();
    const res = await apply(f, [pdf(), { name: 'scan.png', type: 'image/png', bytes: PNG_1x1 }]);
    expect(res.status).toBe(201);
    const { applicationId, statusToken } = res.body;
    const status = await h.call('GET', `/api/public/${t.slug}/applications/${applicationId}`, { headers: { 'x-status-token': statusToken } });
    expect(status.body).toMatchObject({ id: applicationId, status: 'pending', name: '青山科技有限公司' });
    expect((await h.call('GET', `/api/public/${t.slug}/applications/${applicationId}`, { headers: { 'x-status-token': 'wrong' } })).status).toBe(404);
    expect((await h.call('GET', `/api/public/${t.slug}/applications/${applicationId}`)).status).toBe(404);
    expect((await h.call('GET', `/api/public/${other.slug}/applications/${applicationId}`, { headers: { 'x-status-token': statusToken } })).status).toBe(404);

    const a = await h.get(t.bureau, `/api/applications/${applicationId}`);
    expect(a).toMatchObject({ creditCode: f.creditCode, email: f.email, villages: [{ id: villageId, name: '申请村' }], status: 'pending' });
    expect(a.documents.map((d: { contentType: string }) => d.contentType)).toEqual(['application/pdf', 'image/png']);
    const file = await h.app.request(a.documents[0].url, { headers: { authorization: `Bearer ${t.bureau}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    // never public, never another tenant's
    expect((await h.app.request(a.documents[0].url)).status).toBe(401);
    expect((await h.app.request(a.documents[0].url, { headers: { authorization: `Bearer ${other.bureau}` } })).status).toBe(404);
    expect((await h.call('GET', `/api/applications/${applicationId}`, { token: other.bureau })).status).toBe(404);

    await h.deliver();
    const bell = await h.get(t.bureau, '/api/notifications');
    expect(bell.items[0]).toMatchObject({ kind: 'application_received', title: '新的入驻申请：青山科技有限公司' });
  });

  it('refuses bad input with field paths and writes nothing', async () => {
    const before = await count();
    const good = fields();
    const wrongCheck = good.creditCode.slice(0, 17) + (good.creditCode[17] === '0' ? '1' : '0');
    const cases: [Record<string, string | string[]>, Doc[], string][] = [
      [{ ...good, creditCode: wrongCheck }, [pdf()], 'creditCode'],
      [good, [{ name: 'fake.pdf', type: 'application/pdf', bytes: new Uint8Array(Buffer.from('just text, not a pdf')) }], 'documents.0'],
      [good, [{ name: 'big.pdf', type: 'application/pdf', bytes: new Uint8Array([...PDF, ...new Uint8Array(5 * 1024 * 1024)]) }], 'documents.0'],
      [good, [pdf(), pdf(), pdf(), pdf()], 'documents'],
      [good, [], 'documents'],
      [{ ...good, villageIds: ['vil_nope'] }, [pdf()], 'villageIds.0'],
      [{ ...good, email: 'not-an-email' }, [pdf()], 'email'],
      [{ ...good, contactPhone: '123' }, [pdf()], 'contactPhone'],
    ];
    for (const [f, docs, path] of cases) {
      const res = await apply(f, docs);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await count()).toBe(before);
    // JPEG passes the sniff
    expect((await apply(fields(), [{ name: 'a.jpg', type: 'image/jpeg', bytes: JPEG_HEAD }])).status).toBe(201);
  });

  it('a credit code already registered, or under review, is a 409; the same Idempotency-Key replays', async () => {
    const org = await h.call('POST', '/api/organizations', {
      token: t.bureau,
      body: { name: '已登记', kind: 'enterprise', creditCode: withCheckChar('91330100MA2A0000X'.slice(0, 17)), contactName: '王', contactPhone: '13800000000' },
    });
    expect(org.status).toBe(201);
    const taken = await apply(fields({ creditCode: org.body.creditCode }));
    expect(taken.status).toBe(409);
    const f = fields();
    const first = await apply(f, [pdf()], t.slug, { 'idempotency-key': 'apply-once-1' });
    const replay = await apply(f, [pdf()], t.slug, { 'idempotency-key': 'apply-once-1' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await apply(f)).status).toBe(409); // under review
  });
});

describe('the bureau’s decision', () => {
  it('approval makes the organization and invites its contact, once; the new member signs in and claims', async () => {
    const f = fields({ name: '绿源合作社', kind: 'social_org' });
    const { applicationId } = (await apply(f)).body;
    const ok = await h.call('POST', `/api/applications/${applicationId}/approve`, { token: t.bureau, body: {} });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    const orgId = ok.body.organizationId;
    expect(await h.get(t.bureau, `/api/organizations/${orgId}`)).toMatchObject({ name: '绿源合作社', status: 'approved', creditCode: f.creditCode });
    expect((await h.call('POST', `/api/applications/${applicationId}/approve`, { token: t.bureau, body: {} })).status).toBe(409);
    expect((await h.call('POST', `/api/applications/${applicationId}/reject`, { token: t.bureau, body: { reason: 'x' } })).status).toBe(409);
    expect((await h.call('POST', `/api/applications/${applicationId}/approve`, { token: other.bureau, body: {} })).status).toBe(404);
    const orgs = (await h.get(t.bureau, '/api/organizations?limit=100')).items.filter((o: { creditCode: string }) => o.creditCode === f.creditCode);
    expect(orgs).toHaveLength(1);

    await h.deliver();
    const mails = await h.mail(f.email as string);
    expect(mails.map((m) => m.subject).sort()).toEqual(['入驻申请已通过：绿源合作社', '邀请您加入帮扶通：绿源合作社']);
    const token = mails.map((m) => m.text?.match(/\/invite\/([A-Za-z0-9_-]{43})/)?.[1]).find(Boolean)!;
    const accepted = await h.call('POST', `/api/auth/invitations/${token}/accept`, { body: { password: 'green-source-2026' } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user.organizationId).toBe(orgId);
    const claim = await h.call('POST', '/api/pairings', { token: accepted.body.token, body: { villageId } });
    expect(claim.status).toBe(201);
  });

  it('rejection: the reason, when given, is what the applicant sees and is told; without one, just the decision', async () => {
    const bare = fields({ name: '无理由公司' });
    const plain = (await apply(bare)).body;
    const r = await h.call('POST', `/api/applications/${plain.applicationId}/reject`, { token: t.bureau, body: {} });
    expect(r.status).toBe(200);
    expect(r.body.reason).toBeUndefined();
    const f = fields({ name: '某某公司' });
    const { applicationId, statusToken } = (await apply(f)).body;
    const no = await h.call('POST', `/api/applications/${applicationId}/reject`, { token: t.bureau, body: { reason: '营业执照已过期' } });
    expect(no.status).toBe(200);
    const status = await h.call('GET', `/api/public/${t.slug}/applications/${applicationId}`, { headers: { 'x-status-token': statusToken } });
    expect(status.body).toMatchObject({ status: 'rejected', reason: '营业执照已过期' });
    await h.deliver();
    const [mail] = await h.mail(f.email as string);
    expect(mail.subject).toBe('入驻申请未通过：某某公司');
    expect(mail.text).toContain('原因：营业执照已过期');
    // the code is free again: it may apply anew
    expect((await apply(fields({ creditCode: f.creditCode }))).status).toBe(201);
  });
});
