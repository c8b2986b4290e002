import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Tenant isolation beyond id routes: lists, the audit trail, ids smuggled into bodies, cursors.

let h: Harness;
let a: TestTenant;
let b: TestTenant;
let bMember: string;
const A = {} as { village: string; org: string; orgMember: string; pairing: string; activity: string; user: string };
const B = {} as { village: string; org: string; pairing: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  [a, b] = [await h.tenant(), await h.tenant()];
  const aOrg = await h.organization(a);
  A.org = aOrg.id;
  A.orgMember = aOrg.member;
  const p = await h.activePairing(a, { orgId: A.org, startDate: '2026-01-01' });
  [A.village, A.pairing] = [p.villageId, p.id];
  const act = await h.call('POST', `/api/pairings/${A.pairing}/activities`, {
    token: aOrg.member,
    body: { date: '2026-05-01', type: 'visit', peopleReached: 3, description: '走访' },
  });
  A.activity = act.body.id;
  A.user = (await h.get(aOrg.member, '/api/me')).id;
  const bOrg = await h.organization(b);
  [B.org, bMember] = [bOrg.id, bOrg.member];
  const q = await h.activePairing(b, { orgId: B.org, startDate: '2026-01-01' });
  [B.village, B.pairing] = [q.villageId, q.id];
});

const aIds = () => Object.values(A);

describe("tenant B's lists", () => {
  it.each([
    ['/api/villages', () => B.village],
    ['/api/villages?uncovered=false', () => B.village],
    ['/api/organizations', () => B.org],
    ['/api/pairings', () => B.pairing],
    ['/api/pairings?status=active', () => B.pairing],
    ['/api/users', () => undefined],
  ] as [string, () => string | undefined][])("%s holds B's records and none of A's", async (url, own) => {
    const ids = await h.ids(b.bureau, url);
    expect(ids.length).toBeGreaterThan(0);
    if (own()) expect(ids).toContain(own());
    for (const id of aIds()) expect(ids).not.toContain(id);
  });

  it("filtering B's pairings by A's village or organization finds nothing", async () => {
    expect(await h.ids(b.bureau, `/api/pairings?villageId=${A.village}`)).toEqual([]);
    expect(await h.ids(b.bureau, `/api/pairings?organizationId=${A.org}`)).toEqual([]);
    expect(await h.ids(a.bureau, `/api/pairings?villageId=${A.village}`)).toEqual([A.pairing]);
  });

  it("B's org member sees B's data only", async () => {
    for (const url of ['/api/villages', '/api/organizations', '/api/pairings']) {
      const ids = await h.ids(bMember, url);
      for (const id of aIds()) expect(ids).not.toContain(id);
    }
  });

  it("B's dashboard counts B's villages and pairings only", async () => {
    const dash = await h.get(b.bureau, '/api/dashboard');
    expect(dash.villages.total).toBe(1);
    expect(dash.pairings).toEqual({ active: 1, pending: 0 });
  });
});

describe("the audit trail of A's records", () => {
  it.each([
    ['village', () => A.village],
    ['organization', () => A.org],
    ['pairing', () => A.pairing],
    ['activity', () => A.activity],
    ['user', () => A.user],
    ['tenant', () => a.id],
  ] as [string, () => string][])("B asking for a %s of A's gets no events, while A gets its own", async (entity, id) => {
    expect((await h.get(b.bureau, `/api/audit?entity=${entity}&id=${id()}`)).items).toEqual([]);
    expect((await h.get(a.bureau, `/api/audit?entity=${entity}&id=${id()}`)).items.length).toBeGreaterThan(0);
  });
});

describe("A's ids in B's requests", () => {
  it("B cannot claim A's village, and A's village gets no pairing", async () => {
    const res = await h.call('POST', '/api/pairings', { token: b.bureau, body: { villageId: A.village, organizationId: B.org } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('villageId');
    expect(await h.ids(a.bureau, `/api/pairings?villageId=${A.village}`)).toEqual([A.pairing]);
  });

  it("B cannot claim for A's organization", async () => {
    const res = await h.call('POST', '/api/pairings', { token: b.bureau, body: { villageId: B.village, organizationId: A.org } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('organizationId');
    expect(await h.ids(a.bureau, `/api/pairings?organizationId=${A.org}`)).toEqual([A.pairing]);
  });

  it("B's bureau cannot make a member of A's organization, nor a user in A's tenant", async () => {
    const usersOfA = await h.ids(a.bureau, '/api/users');
    const intoOrg = await h.call('POST', '/api/users', {
      token: b.bureau,
      body: { email: 'spy1@b.test', password: 'spy-pass-123', role: 'org_member', organizationId: A.org },
    });
    expect(intoOrg.status).toBe(400);
    const intoTenant = await h.call('POST', '/api/users', {
      token: b.bureau,
      body: { email: 'spy2@b.test', password: 'spy-pass-123', role: 'bureau_admin', tenantId: a.id },
    });
    expect(intoTenant.status).toBe(404);
    expect(await h.ids(a.bureau, '/api/users')).toEqual(usersOfA);
    expect((await h.call('POST', '/api/auth/login', { body: { email: 'spy2@b.test', password: 'spy-pass-123' } })).status).toBe(401);
  });

  it("a page cursor from A's list is refused in B's", async () => {
    await h.village(a);
    const page = await h.get(a.bureau, '/api/villages?limit=1');
    expect(page.nextCursor).toEqual(expect.any(String));
    expect((await h.call('GET', `/api/villages?limit=1&cursor=${page.nextCursor}`, { token: a.bureau })).status).toBe(200);
    const res = await h.call('GET', `/api/villages?limit=1&cursor=${page.nextCursor}`, { token: b.bureau });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.cursor');
  });
});
