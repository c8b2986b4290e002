import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, makeOrganization, makeVillage, type Harness, type TestTenant } from '../support/harness.js';

// The role × action table (shared/permissions.ts): an org_member is refused the bureau's actions,
// and the platform admin is refused every route that holds a tenant's data.

let h: Harness;
let t: TestTenant;
let org: { id: string; member: string };
let pending: { id: string; villageId: string; orgId: string };
let active: { id: string; villageId: string; orgId: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  org = await h.organization(t, {}, false);
  const approved = { id: await h.organizationId(t) };
  pending = await h.pendingPairing(t, { orgId: approved.id });
  active = await h.activePairing(t, { orgId: approved.id, startDate: '2026-01-01' });
});

/** What the bureau sees of everything an org member might try to change. */
async function state() {
  const [pairings, villages, orgs, settings, users, dash, tenants] = await Promise.all([
    h.get(t.bureau, '/api/pairings'),
    h.get(t.bureau, '/api/villages'),
    h.get(t.bureau, '/api/organizations'),
    h.get(t.bureau, '/api/settings'),
    h.get(t.bureau, '/api/users'),
    h.get(t.bureau, '/api/dashboard'),
    h.platformLogin().then((p) => h.get(p, '/api/admin/tenants?limit=100')),
  ]);
  return { pairings, villages, orgs, settings, users, dash, tenants };
}

describe('an org member is refused the bureau’s actions', () => {
  const cases: [string, string, () => string, () => Record<string, unknown> | undefined][] = [
    ['approve a pairing', 'POST', () => `/api/pairings/${pending.id}/approve`, () => ({ startDate: '2026-06-01' })],
    ['reject a pairing', 'POST', () => `/api/pairings/${pending.id}/reject`, () => ({})],
    ['end a pairing', 'POST', () => `/api/pairings/${active.id}/end`, () => ({ endDate: '2026-06-01' })],
    ['create a village', 'POST', () => '/api/villages', () => makeVillage()],
    ['edit a village', 'PATCH', () => `/api/villages/${active.villageId}`, () => ({ supervised: false })],
    ['register an organization', 'POST', () => '/api/organizations', () => makeOrganization()],
    ['approve its own organization', 'POST', () => `/api/organizations/${org.id}/approve`, () => ({})],
    ['suspend an organization', 'POST', () => `/api/organizations/${active.orgId}/suspend`, () => ({})],
    ['read the audit trail', 'GET', () => `/api/audit?entity=pairing&id=${active.id}`, () => undefined],
    ['read the dashboard', 'GET', () => '/api/dashboard', () => undefined],
    ['change the settings', 'PATCH', () => '/api/settings', () => ({ maxActivePairingsPerOrg: 50 })],
    // issue 14: an org member lists and invites its colleagues (accounts.test.ts), never a bureau admin
    ['invite a bureau admin', 'POST', () => '/api/invitations', () => ({ email: 'boss@org.test', role: 'bureau_admin' })],
    ['create a user', 'POST', () => '/api/users', () => ({ email: 'x@org.test', password: 'long-enough-1', role: 'bureau_admin' })],
    ['create a tenant', 'POST', () => '/api/admin/tenants', () => ({ slug: 'rogue', name: '冒名', region: '某县' })],
  ];

  it.each(cases)('an org member cannot %s (403, nothing changes)', async (_what, method, url, body) => {
    const before = await state();
    const res = await h.call(method, url(), { token: org.member, body: body() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await state()).toEqual(before);
  });

  it('the bureau admin may do the same (the refusals above are about the role)', async () => {
    expect((await h.call('GET', '/api/dashboard', { token: t.bureau })).status).toBe(200);
    expect((await h.call('POST', `/api/organizations/${org.id}/approve`, { token: t.bureau })).status).toBe(200);
  });

  it('a bureau admin cannot create a tenant or a platform admin', async () => {
    expect((await h.call('POST', '/api/admin/tenants', { token: t.bureau, body: { slug: 'rogue', name: '冒名', region: '某县' } })).status).toBe(403);
    const res = await h.call('POST', '/api/users', { token: t.bureau, body: { email: 'root@x.test', password: 'long-enough-1', role: 'platform_admin' } });
    expect(res.status).toBe(403);
    expect((await h.call('POST', '/api/auth/login', { body: { email: 'root@x.test', password: 'long-enough-1' } })).status).toBe(401);
  });
});

describe('the platform admin sees nothing of a tenant', () => {
  /** The only authenticated operations the platform admin may call. */
  const PLATFORM_OPERATIONS = [
    'GET /me',
    'POST /admin/tenants',
    'GET /admin/tenants',
    'POST /users',
    // the caller's own bell and settings (issue 14): about the user, like GET /me, never a tenant's records
    'GET /notifications',
    'POST /notifications/{id}/read',
    'POST /notifications/read-all',
    'GET /me/notification-settings',
    'PATCH /me/notification-settings',
    // issue 15: enrolling its own authenticator app (which a platform admin must)
    'POST /me/mfa/totp',
    'POST /me/mfa/totp/confirm',
  ];

  it('every other authenticated route answers 403', async () => {
    const spec = (await h.call('GET', '/api/openapi.json')).body;
    const platform = await h.platformLogin();
    const walked: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, { security?: unknown[] }>>(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.security?.length || PLATFORM_OPERATIONS.includes(name)) continue;
        const url = '/api' + path.replace('{id}', active.id);
        const res = await h.call(method.toUpperCase(), url, { token: platform, body: method === 'get' ? undefined : {} });
        expect({ name, status: res.status }).toEqual({ name, status: 403 });
        walked.push(name);
      }
    }
    expect(walked).toEqual(expect.arrayContaining(['GET /villages', 'GET /pairings/{id}', 'GET /dashboard', 'GET /audit', 'GET /settings']));
    expect((await h.get(t.bureau, `/api/pairings/${active.id}`)).status).toBe('active');
  });

  it('the platform admin creates tenants and their users', async () => {
    const platform = await h.platformLogin();
    expect((await h.call('GET', '/api/admin/tenants', { token: platform })).status).toBe(200);
    expect((await h.call('GET', '/api/me', { token: platform })).body.role).toBe('platform_admin');
  });
});
