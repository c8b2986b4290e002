import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, makeVillage, type Harness, type TestTenant } from '../support/harness.js';
import { claimsOf, resignWithForeignKey, resignWithLocalKey, unsigned } from '../support/tokens.js';

// Authenticated routes need a valid bearer token: a missing, malformed, forged or expired one is
// a 401 unauthenticated, and the request writes nothing.

let h: Harness;
let t: TestTenant;
let member: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  member = (await h.organization(t)).member;
});

const now = () => Math.floor(Date.now() / 1000);
const villageCount = async () => (await h.get(t.bureau, '/api/villages?limit=100')).items.length;

/** A village registration with this Authorization header: must be 401 and write nothing. */
async function expectRefused(authorization: string | undefined) {
  const before = await villageCount();
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const res = await h.call('POST', '/api/villages', { headers, body: makeVillage({ name: '无权村' }) });
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('unauthenticated');
  expect(await villageCount()).toBe(before);
}

describe('no token or a malformed one', () => {
  it('a request without a token is refused on every authenticated route', async () => {
    const spec = (await h.call('GET', '/api/openapi.json')).body;
    let checked = 0;
    for (const [path, ops] of Object.entries<Record<string, { security?: unknown[] }>>(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.security?.length) continue;
        const res = await h.call(method.toUpperCase(), '/api' + path.replace('{id}', 'x'), { body: method === 'get' ? undefined : {} });
        expect({ op: `${method} ${path}`, status: res.status }).toEqual({ op: `${method} ${path}`, status: 401 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    await expectRefused(undefined);
  });

  it.each([
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a bare token without Bearer', () => t.bureau],
    ['garbage', () => 'Bearer not-a-jwt'],
    ['a truncated token', () => `Bearer ${t.bureau.slice(0, -10)}`],
  ])('%s is refused', async (_what, header) => {
    await expectRefused(header());
  });
});

describe('forged and expired tokens', () => {
  it('the forging helper makes tokens the server accepts when nothing is wrong with them', async () => {
    const token = await resignWithLocalKey(h.dataDir, t.bureau, { exp: now() + 600 });
    const res = await h.call('POST', '/api/villages', { token, body: makeVillage({ name: '有效村' }) });
    expect(res.status).toBe(201);
  });

  it('a token signed by another key is refused', async () => {
    await expectRefused(`Bearer ${await resignWithForeignKey(t.bureau)}`);
  });

  it("an org member's token re-signed by another key as bureau_admin is refused", async () => {
    const forged = await resignWithForeignKey(member, { claims: { role: 'bureau_admin' } });
    expect(claimsOf(forged).role).toBe('bureau_admin');
    await expectRefused(`Bearer ${forged}`);
  });

  it('an expired token is refused', async () => {
    await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { exp: now() - 60 })}`);
  });

  it('a token for another audience or issuer is refused', async () => {
    await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { audience: 'someone-else' })}`);
    await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { issuer: 'cognito' })}`);
  });

  it('an unsigned token (alg: none) is refused', async () => {
    await expectRefused(`Bearer ${unsigned(t.bureau)}`);
  });

  it('a correctly signed token without a tenant or with an unknown role is refused', async () => {
    await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { claims: { tenantId: undefined } })}`);
    await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { claims: { role: 'superuser' } })}`);
  });
});
