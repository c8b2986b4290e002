import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_ADMIN_EMAIL } from '../../functions/demo/load.js';
import { DEMO_PASSWORD } from '../../functions/demo/data.js';
import { getUser } from '../../functions/modules/identity/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';
import { enrolTotp, secretOf, totpCode } from '../support/mfa.js';

// Two-step verification (issue 15), local mode: enrolling an authenticator app, signing in with its
// code or a recovery code, and who must. The harness's clock is set by the tests, so codes are
// computed for the server's "now"; each sign-in with a code moves the clock a step (30 s) on.

const PASSWORD = 'mfa-test-pass-1';
let h: Harness;
let t: TestTenant;
let n = 0;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z'), rateLimits: { loginFreeFailuresPerPair: 100 } });
  t = await h.tenant();
});

const later = (seconds = 30) => {
  h.clock.now = new Date(h.clock.now.getTime() + seconds * 1000);
};
const send = (m: string, p: string, token: string, body: unknown) => h.call(m, p, { token: token || undefined, body: body as never });
const login = (email: string, body: Record<string, unknown> = {}) => h.call('POST', '/api/auth/login', { body: { email, password: PASSWORD, ...body } });

/** A new user of the tenant (a bureau admin unless said), and its password-only token. */
async function newUser(role: 'bureau_admin' | 'org_member' = 'bureau_admin', tenant: TestTenant = t): Promise<{ email: string; token: string }> {
  const email = `mfa${n++}@mfa.test`;
  const organizationId = role === 'org_member' ? await h.organizationId(tenant) : undefined;
  const res = await h.call('POST', '/api/users', { token: tenant.bureau, body: { email, password: PASSWORD, role, organizationId } });
  expect(res.status).toBe(201);
  const signedIn = await login(email);
  expect(signedIn.status).toBe(200);
  return { email, token: signedIn.body.token };
}

const item = async (tenantId: string, id: string) => getUser(new TenantStore(h.deps.doc, h.deps.tableName, tenantId), id);

describe('enrolling an authenticator app', () => {
  it('starts with the password, refuses a wrong code, confirms with the right one and hands out ten recovery codes once', async () => {
    const u = await newUser();
    expect((await h.call('POST', '/api/me/mfa/totp', { token: u.token, body: { password: 'not-the-password' } })).body.error.details).toEqual([
      expect.objectContaining({ path: 'password', message: '密码不正确' }),
    ]);
    const started = await h.call('POST', '/api/me/mfa/totp', { token: u.token, body: { password: PASSWORD } });
    expect(started.status).toBe(200);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*\?.*secret=[A-Z2-7]+/);
    expect(started.body.otpauthUri).toContain(encodeURIComponent(u.email));
    expect(started.body.qrPng).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    const secret = secretOf(started.body.otpauthUri);
    expect(started.body.secret).toBe(secret);

    const wrong = await h.call('POST', '/api/me/mfa/totp/confirm', {
      token: u.token,
      body: { code: totpCode(secret, new Date(h.clock.now.getTime() - 5 * 60_000)) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: 'code' })]);
    expect((await h.get(u.token, '/api/me')).mfa).toEqual({ enabled: false, required: false });

    const confirmed = await h.call('POST', '/api/me/mfa/totp/confirm', { token: u.token, body: { code: totpCode(secret, h.clock.now) } });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await h.get(u.token, '/api/me')).mfa).toEqual({ enabled: true, required: false });

    // stored hashed: no recovery code, and no secret, in any answer or in the item's recovery codes
    const me = await h.get(u.token, '/api/me');
    const stored = (await item(t.id, me.id))!;
    expect(Object.keys(stored.recoveryCodes!)).toHaveLength(10);
    expect(JSON.stringify(stored.recoveryCodes)).not.toContain(codes[0]);
    expect(JSON.stringify(me)).not.toContain(secret);
    expect(stored.mfaPending).toBeUndefined();
    // once on, it cannot be started (or confirmed) again
    expect((await h.call('POST', '/api/me/mfa/totp', { token: u.token, body: { password: PASSWORD } })).status).toBe(409);
    // and the change is in the trail
    expect((await h.audit(t, 'user', me.id)).map((e) => e.action)).toContain('enable_mfa');
  });

  it('another user cannot confirm someone else’s enrolment: each confirms only its own', async () => {
    const a = await newUser();
    const b = await newUser();
    const started = await h.call('POST', '/api/me/mfa/totp', { token: a.token, body: { password: PASSWORD } });
    const code = totpCode(secretOf(started.body.otpauthUri), h.clock.now);
    const byOther = await h.call('POST', '/api/me/mfa/totp/confirm', { token: b.token, body: { code } });
    expect(byOther.status).toBe(409);
    expect((await h.get(b.token, '/api/me')).mfa.enabled).toBe(false);
    expect((await h.get(a.token, '/api/me')).mfa.enabled).toBe(false);
    expect((await h.call('POST', '/api/me/mfa/totp/confirm', { token: a.token, body: { code } })).status).toBe(200);
    expect((await h.get(a.token, '/api/me')).mfa.enabled).toBe(true);
  });

  it('a pending enrolment expires after ten minutes', async () => {
    const u = await newUser();
    const started = await h.call('POST', '/api/me/mfa/totp', { token: u.token, body: { password: PASSWORD } });
    later(11 * 60);
    const res = await h.call('POST', '/api/me/mfa/totp/confirm', { token: u.token, body: { code: totpCode(secretOf(started.body.otpauthUri), h.clock.now) } });
    expect(res.status).toBe(409);
  });
});

describe('signing in with two-step verification on', () => {
  let u: { email: string; token: string };
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    u = await newUser('org_member');
    ({ secret, recoveryCodes } = await enrolTotp(send, u.token, PASSWORD, h.clock.now));
    later();
  });

  it('without a code: 401 mfa_required and no token; a wrong password stays the plain 401', async () => {
    const res = await login(u.email);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('mfa_required');
    expect(res.body.token).toBeUndefined();
    const wrong = await h.call('POST', '/api/auth/login', { body: { email: u.email, password: 'wrong-pass-1', code: totpCode(secret, h.clock.now) } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
  });

  it('with the code: 200 and a token; the same code again is refused (a code signs in once)', async () => {
    later();
    const code = totpCode(secret, h.clock.now);
    const res = await login(u.email, { code });
    expect(res.status).toBe(200);
    expect((await h.get(res.body.token, '/api/me')).email).toBe(u.email);
    const replay = await login(u.email, { code });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatchObject({ code: 'unauthenticated', message: '验证码不正确' });
  });

  it('accepts the code of the step before or after (clock drift), not two steps away', async () => {
    later(90);
    expect((await login(u.email, { code: totpCode(secret, new Date(h.clock.now.getTime() - 60_000)) })).status).toBe(401);
    expect((await login(u.email, { code: totpCode(secret, new Date(h.clock.now.getTime() - 30_000)) })).status).toBe(200);
    later(90);
    expect((await login(u.email, { code: totpCode(secret, new Date(h.clock.now.getTime() + 30_000)) })).status).toBe(200);
  });

  it('a recovery code signs in once in place of the code, then never again', async () => {
    later();
    const res = await login(u.email, { code: recoveryCodes[0].toUpperCase() });
    expect(res.status).toBe(200);
    expect((await login(u.email, { code: recoveryCodes[0] })).status).toBe(401);
    // the others still work, typed without the dashes
    expect((await login(u.email, { code: recoveryCodes[1].replace(/-/g, '') })).status).toBe(200);
    const me = await h.get(res.body.token, '/api/me');
    expect(Object.keys((await item(t.id, me.id))!.recoveryCodes!)).toHaveLength(8);
  });

  it('wrong codes count as failed sign-ins: the failing client is slowed down (429), the owner elsewhere is not', async () => {
    const slow = await makeHarness({ now: h.clock.now, rateLimits: { loginFreeFailuresPerPair: 2 } });
    const st = await slow.tenant();
    const email = `slow${n++}@mfa.test`;
    expect((await slow.call('POST', '/api/users', { token: st.bureau, body: { email, password: PASSWORD, role: 'bureau_admin' } })).status).toBe(201);
    const token = (await slow.call('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body.token;
    const { secret: s2 } = await enrolTotp(
      (m, p, tk, body) => slow.call(m, p, { token: tk || undefined, body: body as never }),
      token,
      PASSWORD,
      slow.clock.now,
    );
    slow.clock.now = new Date(slow.clock.now.getTime() + 30_000);
    const from = (ip: string, code: string) =>
      slow.call('POST', '/api/auth/login', { body: { email, password: PASSWORD, code }, headers: { 'x-forwarded-for': ip } });
    expect((await from('203.0.113.9', '000000')).status).toBe(401);
    expect((await from('203.0.113.9', '111111')).status).toBe(401);
    expect((await from('203.0.113.9', '222222')).status).toBe(401);
    const blocked = await from('203.0.113.9', totpCode(s2, slow.clock.now));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect((await from('198.51.100.77', totpCode(s2, slow.clock.now))).status).toBe(200);
  });
});

describe('who must use two-step verification', () => {
  it('the platform admin: its first sign-in opens only /api/me and the enrolment until it has enrolled', async () => {
    const fresh = await makeHarness({ now: h.clock.now });
    const res = await fresh.call('POST', '/api/auth/login', { body: { email: PLATFORM_ADMIN_EMAIL, password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.mfaEnrolmentRequired).toBe(true);
    const token = res.body.token;
    expect((await fresh.call('GET', '/api/me', { token })).body.mfa).toEqual({ enabled: false, required: true });
    for (const [method, url, body] of [
      ['GET', '/api/admin/tenants', undefined],
      ['POST', '/api/admin/tenants', { slug: 'early', name: '抢先县', region: '某县' }],
      ['GET', '/api/notifications', undefined],
      ['GET', '/api/me/notification-settings', undefined],
    ] as const) {
      const r = await fresh.call(method, url, { token, body });
      expect({ url, status: r.status, code: r.body.error?.code }).toEqual({ url, status: 403, code: 'mfa_enrolment_required' });
    }
    await enrolTotp((m, p, tk, body) => fresh.call(m, p, { token: tk || undefined, body: body as never }), token, DEMO_PASSWORD, fresh.clock.now);
    // the same session, now that both factors were shown, opens the API
    expect((await fresh.call('GET', '/api/admin/tenants', { token })).status).toBe(200);
    expect((await fresh.call('POST', '/api/auth/login', { body: { email: PLATFORM_ADMIN_EMAIL, password: DEMO_PASSWORD } })).body.error.code).toBe(
      'mfa_required',
    );
  });

  it('a bureau admin when its tenant says so — the default for a new tenant — and not an organization member', async () => {
    const platform = await h.platformLogin();
    const created = await h.call('POST', '/api/admin/tenants', { token: platform, body: { slug: `strict${n++}`, name: '严格县民政局', region: '严格县' } });
    expect(created.status).toBe(201);
    expect(created.body.mfaRequiredForBureauAdmins).toBe(true);
    const email = `strict${n++}@mfa.test`;
    expect(
      (await h.call('POST', '/api/users', { token: platform, body: { email, password: PASSWORD, role: 'bureau_admin', tenantId: created.body.id } })).status,
    ).toBe(201);
    const res = await login(email);
    expect(res.body.mfaEnrolmentRequired).toBe(true);
    expect((await h.call('GET', '/api/villages', { token: res.body.token })).body.error.code).toBe('mfa_enrolment_required');
    expect((await h.call('GET', '/api/me', { token: res.body.token })).body.mfa).toEqual({ enabled: false, required: true });

    // the harness's tenant says no: its bureau admins and members sign in with a password alone
    const lax = await newUser();
    expect((await h.call('GET', '/api/villages', { token: lax.token })).status).toBe(200);
    const member = await newUser('org_member');
    expect((await login(member.email)).body.mfaEnrolmentRequired).toBeUndefined();
  });

  it('switching the tenant’s setting on stops its unenrolled bureau admins at once, and off again lets them on', async () => {
    const tt = await h.tenant();
    const other = await newUser('bureau_admin', tt);
    const before = await h.call('GET', '/api/settings', { token: tt.bureau });
    expect(before.body.mfaRequiredForBureauAdmins).toBe(false);
    expect((await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { mfaRequiredForBureauAdmins: 'yes' } })).body.error.details).toEqual([
      expect.objectContaining({ path: 'mfaRequiredForBureauAdmins' }),
    ]);
    expect((await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { mfaRequiredForBureauAdmins: true } })).status).toBe(200);
    // its own session too: the switch applies to everyone, the bureau admin who flipped it included
    expect((await h.call('GET', '/api/villages', { token: other.token })).status).toBe(403);
    expect((await h.call('GET', '/api/settings', { token: tt.bureau })).body.error.code).toBe('mfa_enrolment_required');
    // enrolled, the other admin carries on
    await enrolTotp(send, other.token, PASSWORD, h.clock.now);
    expect((await h.call('GET', '/api/villages', { token: other.token })).status).toBe(200);
    expect((await h.call('PATCH', '/api/settings', { token: other.token, body: { mfaRequiredForBureauAdmins: false } })).status).toBe(200);
    expect((await h.call('GET', '/api/villages', { token: tt.bureau })).status).toBe(200);
  });

  it('a tenant made with mfaRequiredForBureauAdmins: false keeps password-only sign-in for its bureau admins', async () => {
    const tt = await h.tenant({ mfaRequiredForBureauAdmins: false });
    expect(tt.tenant.mfaRequiredForBureauAdmins).toBe(false);
    expect((await h.call('GET', '/api/villages', { token: tt.bureau })).status).toBe(200);
  });
});
