import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';
import { RESET_ANSWER_FLOOR_MS } from '../../functions/modules/accounts/routes.js';

// Accounts (issue 14): invitations (72 h, once), password resets (1 h, once, no enumeration), the
// users list, and disabling a user (its tokens stop at once).

let h: Harness;
let t: TestTenant;
let other: TestTenant;
const start = new Date('2026-06-15T04:00:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: start });
  [t, other] = [await h.tenant(), await h.tenant()];
});
afterAll(() => h.stopMail());

/** The token of the newest link mailed to `email` (…/invite/<token> or …/reset-password/<token>). */
async function linkTo(email: string, kind: 'invite' | 'reset-password'): Promise<string> {
  await h.deliver();
  const mail = (await h.mail(email)).find((m) => m.text?.includes(`/${kind}/`));
  const m = mail?.text?.match(new RegExp(`/${kind}/([A-Za-z0-9_-]{43})`));
  if (!m) throw new Error(`no ${kind} link mailed to ${email}`);
  return m[1];
}

describe('an invitation', () => {
  it('is mailed with a link that sets the password once, and the new member signs in', async () => {
    const orgId = await h.organizationId(t, { name: '新成员公司' });
    const inv = await h.call('POST', '/api/invitations', {
      token: t.bureau,
      body: { email: 'New.Member@Example.com', role: 'org_member', organizationId: orgId },
    });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ email: 'new.member@example.com', role: 'org_member', organizationId: orgId, organizationName: '新成员公司' });
    const listed = await h.get(t.bureau, '/api/users?status=invited');
    expect(listed.items.map((u: { email: string }) => u.email)).toContain('new.member@example.com');

    const token = await linkTo('new.member@example.com', 'invite');
    const [mail] = await h.mail('new.member@example.com');
    expect(mail.subject).toBe('邀请您加入帮扶通：新成员公司');
    const preview = await h.call('GET', `/api/auth/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ email: 'new.member@example.com', role: 'org_member', organizationName: '新成员公司', tenantName: t.tenant.name });

    const short = await h.call('POST', `/api/auth/invitations/${token}/accept`, { body: { password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe('password');
    const same = await h.call('POST', `/api/auth/invitations/${token}/accept`, { body: { password: 'New.Member@Example.com' } });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toBe('密码不能与邮箱相同');

    const ok = await h.call('POST', `/api/auth/invitations/${token}/accept`, { body: { password: 'a-good-passphrase' } });
    expect(ok.status).toBe(201);
    expect(ok.body.user).toMatchObject({ email: 'new.member@example.com', role: 'org_member', organizationId: orgId });
    expect((await h.call('GET', '/api/me', { token: ok.body.token })).body.organizationName).toBe('新成员公司');
    expect(await h.login('new.member@example.com', 'a-good-passphrase')).toBeTruthy();

    const again = await h.call('POST', `/api/auth/invitations/${token}/accept`, { body: { password: 'another-passphrase' } });
    expect(again.status).toBe(410);
    expect((await h.call('GET', `/api/auth/invitations/${token}`)).status).toBe(410);
    const rows = (await h.get(t.bureau, `/api/users?organizationId=${orgId}`)).items;
    expect(rows).toEqual([expect.objectContaining({ email: 'new.member@example.com', status: 'active', organizationName: '新成员公司' })]);
    // an email with an account cannot be invited again
    expect(
      (await h.call('POST', '/api/invitations', { token: t.bureau, body: { email: 'new.member@example.com', role: 'org_member', organizationId: orgId } }))
        .status,
    ).toBe(409);
  });

  it('expires after 72 hours (410), and a new invitation to the same email kills the old link', async () => {
    const orgId = await h.organizationId(t);
    await h.call('POST', '/api/invitations', { token: t.bureau, body: { email: 'late@example.com', role: 'org_member', organizationId: orgId } });
    const first = await linkTo('late@example.com', 'invite');
    await h.call('POST', '/api/invitations', { token: t.bureau, body: { email: 'late@example.com', role: 'org_member', organizationId: orgId } });
    await h.deliver();
    const links = (await h.mail('late@example.com')).map((m) => m.text?.match(/\/invite\/([A-Za-z0-9_-]{43})/)?.[1]);
    const second = links.find((l) => l && l !== first)!;
    expect((await h.call('GET', `/api/auth/invitations/${first}`)).status).toBe(404);
    expect((await h.get(t.bureau, '/api/users?status=invited')).items.filter((u: { email: string }) => u.email === 'late@example.com')).toHaveLength(1);
    h.clock.now = new Date(start.getTime() + 72 * 3600_000 + 1000);
    try {
      const res = await h.call('POST', `/api/auth/invitations/${second}/accept`, { body: { password: 'a-good-passphrase' } });
      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe('gone');
    } finally {
      h.clock.now = start;
    }
    expect((await h.call('GET', '/api/auth/invitations/' + 'x'.repeat(43))).status).toBe(404);
    expect((await h.call('GET', '/api/auth/invitations/short')).status).toBe(400);
  });

  it('an org_member invites colleagues of its own organization only; nobody invites into another tenant', async () => {
    const org = await h.organization(t);
    const mine = await h.call('POST', '/api/invitations', { token: org.member, body: { email: 'colleague@example.com', role: 'org_member' } });
    expect(mine.status).toBe(201);
    expect(mine.body.organizationId).toBe(org.id);
    expect((await h.call('POST', '/api/invitations', { token: org.member, body: { email: 'boss@example.com', role: 'bureau_admin' } })).status).toBe(403);
    const elsewhere = await h.organizationId(t);
    const cross = await h.call('POST', '/api/invitations', {
      token: org.member,
      body: { email: 'x@example.com', role: 'org_member', organizationId: elsewhere },
    });
    expect(cross.status).toBe(400);
    expect(cross.body.error.details[0].path).toBe('organizationId');
    const foreignOrg = await h.organizationId(other);
    const foreign = await h.call('POST', '/api/invitations', {
      token: t.bureau,
      body: { email: 'y@example.com', role: 'org_member', organizationId: foreignOrg },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('organizationId');
    // the member's list is its colleagues only (and their invitations)
    const rows = (await h.get(org.member, '/api/users')).items;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r: { organizationId: string }) => r.organizationId === org.id)).toBe(true);
    expect((await h.call('POST', '/api/invitations', { token: t.bureau, body: { email: 'z@example.com', role: 'org_member' } })).status).toBe(400);
  });
});

describe('invitations are emails sent in our name', () => {
  it('at most 3 to one address an hour (then 429 with Retry-After), and the count is per address', async () => {
    const orgId = await h.organizationId(t);
    const invite = (email: string) => h.call('POST', '/api/invitations', { token: t.bureau, body: { email, role: 'org_member', organizationId: orgId } });
    for (let i = 0; i < 3; i++) expect((await invite('spammed@example.com')).status).toBe(201);
    const fourth = await invite('spammed@example.com');
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await invite('someone-else@example.com')).status).toBe(201);
  });
});

describe('a password reset', () => {
  it('mails a one-hour, single-use link to a known email; an unknown one gets the same 202 and no mail', async () => {
    const orgId = await h.organizationId(t);
    await h.call('POST', '/api/invitations', { token: t.bureau, body: { email: 'forgetful@example.com', role: 'org_member', organizationId: orgId } });
    await h.call('POST', `/api/auth/invitations/${await linkTo('forgetful@example.com', 'invite')}/accept`, { body: { password: 'first-passphrase' } });

    const timed = async (email: string) => {
      const t0 = performance.now();
      const res = await h.call('POST', '/api/auth/password-reset', { body: { email } });
      return { res, ms: performance.now() - t0 };
    };
    const known = await timed('forgetful@example.com');
    const unknown = await timed('nobody@example.com');
    expect(known.res.status).toBe(202);
    expect(unknown.res.status).toBe(202);
    expect(unknown.res.body).toEqual(known.res.body);
    // the same time class: both held to the floor (the work of either is far below it)
    expect(known.ms).toBeGreaterThanOrEqual(RESET_ANSWER_FLOOR_MS - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(RESET_ANSWER_FLOOR_MS - 5);
    await h.deliver();
    expect(await h.mail('nobody@example.com')).toHaveLength(0);

    const token = await linkTo('forgetful@example.com', 'reset-password');
    expect((await h.call('POST', `/api/auth/password-reset/${token}`, { body: { password: 'forgetful@example.com' } })).status).toBe(400);
    const done = await h.call('POST', `/api/auth/password-reset/${token}`, { body: { password: 'second-passphrase' } });
    expect(done.status).toBe(200);
    expect((await h.call('POST', '/api/auth/login', { body: { email: 'forgetful@example.com', password: 'first-passphrase' } })).status).toBe(401);
    expect(await h.login('forgetful@example.com', 'second-passphrase')).toBeTruthy();
    expect((await h.call('POST', `/api/auth/password-reset/${token}`, { body: { password: 'third-passphrase' } })).status).toBe(410);

    await h.call('POST', '/api/auth/password-reset', { body: { email: 'forgetful@example.com' } });
    await h.deliver();
    const links = (await h.mail('forgetful@example.com')).map((m) => m.text?.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)?.[1]).filter(Boolean);
    const late = links.find((l) => l !== token)!;
    h.clock.now = new Date(start.getTime() + 3600_000 + 1000);
    try {
      expect((await h.call('POST', `/api/auth/password-reset/${late}`, { body: { password: 'third-passphrase' } })).status).toBe(410);
    } finally {
      h.clock.now = start;
    }
  });
});

describe('disabling a user', () => {
  it('stops its token at once and its sign-in; enabling brings both back; another tenant’s id is a 404', async () => {
    const org = await h.organization(t);
    const me = await h.get(org.member, '/api/me');
    expect((await h.call('GET', '/api/pairings', { token: org.member })).status).toBe(200);
    expect((await h.call('POST', `/api/users/${me.id}/disable`, { token: org.member })).status).toBe(403);
    expect((await h.call('POST', `/api/users/${me.id}/disable`, { token: other.bureau })).status).toBe(404);
    const off = await h.call('POST', `/api/users/${me.id}/disable`, { token: t.bureau });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('disabled');
    const refused = await h.call('GET', '/api/pairings', { token: org.member });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('账号已停用，请联系管理员');
    expect((await h.call('POST', '/api/auth/login', { body: { email: me.email, password: 'member-pass-1' } })).status).toBe(401);
    // no reset link for a disabled account either
    await h.call('POST', '/api/auth/password-reset', { body: { email: me.email } });
    await h.deliver();
    expect((await h.mail(me.email)).filter((m) => m.subject === '重置帮扶通密码')).toHaveLength(0);
    // nor notifications
    await h.call('POST', '/api/pairings', { token: t.bureau, body: { villageId: await h.village(t), organizationId: org.id } });
    const self = (await h.get(t.bureau, '/api/me')).id;
    expect((await h.call('POST', `/api/users/${self}/disable`, { token: t.bureau })).status).toBe(409);

    const on = await h.call('POST', `/api/users/${me.id}/enable`, { token: t.bureau });
    expect(on.body.status).toBe('active');
    expect((await h.call('GET', '/api/pairings', { token: org.member })).status).toBe(200);
    expect(await h.login(me.email, 'member-pass-1')).toBeTruthy();
    const trail = await h.audit(t, 'user', me.id);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['disable', 'enable']));
  });
});

describe('new passwords (issue 15): at least 10 characters, not the email, not a common password', () => {
  it('POST /api/users refuses a short, an email-like, a repeated and a common password on the field, and creates nothing', async () => {
    const email = 'strong.one@example.com';
    const create = (password: string) => h.call('POST', '/api/users', { token: t.bureau, body: { email, password, role: 'bureau_admin' } });
    for (const [password, message] of [
      ['short-pw9', '密码至少 10 位'],
      ['Strong.One@Example.com', '密码不能与邮箱相同'],
      ['strong.one', '密码不能与邮箱相同'],
      ['zzzzzzzzzzzz', '密码不能是同一个字符的重复'],
      ['password123', '这个密码太常见，容易被猜中，请换一个'],
      ['QwertyUiop', '这个密码太常见，容易被猜中，请换一个'],
      ['woaini1314', '这个密码太常见，容易被猜中，请换一个'],
    ] as const) {
      const res = await create(password);
      expect(res.status, password).toBe(400);
      expect(res.body.error.details, password).toEqual([expect.objectContaining({ path: 'password', message })]);
    }
    expect((await h.call('POST', '/api/auth/login', { body: { email, password: 'password123' } })).status).toBe(401);
    expect((await create('tea-garden-2026')).status).toBe(201);
  });

  it('an invitation and a password reset refuse a common password too', async () => {
    await h.call('POST', '/api/invitations', { token: t.bureau, body: { email: 'common.pw@example.com', role: 'bureau_admin' } });
    const token = await linkTo('common.pw@example.com', 'invite');
    const weak = await h.call('POST', `/api/auth/invitations/${token}/accept`, { body: { password: '1234567890' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0]).toMatchObject({ path: 'password', message: '这个密码太常见，容易被猜中，请换一个' });
    expect((await h.call('POST', `/api/auth/invitations/${token}/accept`, { body: { password: 'river-bridge-77' } })).status).toBe(201);

    await h.call('POST', '/api/auth/password-reset', { body: { email: 'common.pw@example.com' } });
    const reset = await linkTo('common.pw@example.com', 'reset-password');
    expect((await h.call('POST', `/api/auth/password-reset/${reset}`, { body: { password: 'iloveyou123' } })).status).toBe(400);
    expect((await h.call('POST', `/api/auth/password-reset/${reset}`, { body: { password: 'mountain-road-88' } })).status).toBe(200);
  });
});
