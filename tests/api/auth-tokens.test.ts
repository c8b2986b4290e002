import { beforeAll, describe, expect, it } from 'vitest';
import { createHmac, createPublicKey } from 'node:crypto';
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

describe('algorithm confusion and tampered payloads', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  /** A token over `payload` with header alg HS256, MAC'd with `secret` (what a key-confusion attack sends). */
  const hs256 = (payload: Record<string, unknown>, secret: string | Buffer, kid?: string) => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64(payload)}`;
    return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
  };
  /** The server's own public key, as anyone can fetch it. */
  const publicJwk = async () => (await h.call('GET', '/api/.well-known/jwks.json')).body.keys[0] as Record<string, string>;

  it('HS256 signed with the public key (as JWK JSON, PEM, DER and its raw x coordinate) is refused', async () => {
    const jwk = await publicJwk();
    expect(jwk.kty).toBe('EC');
    const payload = { ...claimsOf(t.bureau), exp: now() + 600 };
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const secrets: (string | Buffer)[] = [
      JSON.stringify(jwk),
      key.export({ type: 'spki', format: 'pem' }) as string,
      key.export({ type: 'spki', format: 'der' }) as Buffer,
      jwk.x!,
      Buffer.from(jwk.x!, 'base64url'),
    ];
    for (const secret of secrets) {
      await expectRefused(`Bearer ${hs256(payload, secret, jwk.kid)}`);
      await expectRefused(`Bearer ${hs256(payload, secret)}`);
    }
  });

  it('alg none with a kid, and alg none keeping the genuine signature, are refused', async () => {
    const [, payload, sig] = t.bureau.split('.');
    const jwk = await publicJwk();
    for (const alg of ['none', 'None', 'NONE']) {
      await expectRefused(`Bearer ${b64({ alg, typ: 'JWT', kid: jwk.kid })}.${payload}.`);
      await expectRefused(`Bearer ${b64({ alg, typ: 'JWT' })}.${payload}.${sig}`);
    }
  });

  it("a genuine token's payload edited to another tenant, role or organization (signature kept) is refused", async () => {
    const other = await h.tenant();
    const [head, , sig] = t.bureau.split('.');
    const genuine = claimsOf(t.bureau);
    const memberClaims = claimsOf(member);
    const edits: Record<string, unknown>[] = [
      { ...genuine, tenantId: claimsOf(other.bureau).tenantId },
      { ...memberClaims, role: 'bureau_admin' },
      { ...genuine, role: 'platform_admin' },
      { ...genuine, exp: now() + 86_400 * 365 },
      { ...genuine, sub: claimsOf(other.bureau).sub },
    ];
    for (const edited of edits) await expectRefused(`Bearer ${head}.${b64(edited)}.${sig}`);
    // and the same edits on the member's token, header and signature kept
    const [mHead, , mSig] = member.split('.');
    await expectRefused(`Bearer ${mHead}.${b64({ ...memberClaims, role: 'bureau_admin' })}.${mSig}`);
    // the other tenant's data stays out of reach of the edited token
    const [oHead, , oSig] = other.bureau.split('.');
    const res = await h.call('GET', '/api/villages', {
      headers: { authorization: `Bearer ${oHead}.${b64({ ...claimsOf(other.bureau), tenantId: genuine.tenantId })}.${oSig}` },
    });
    expect(res.status).toBe(401);
  });

  it('an expired token of the right tenant and a token not yet valid (nbf, iat in the future) are refused', async () => {
    await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { exp: now() - 1 })}`);
    await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { claims: { nbf: now() + 3600 } })}`);
  });

  it('a token with a wrong issuer or audience signed by the real key is refused, each alone', async () => {
    for (const issuer of ['', 'bangfu-local ', 'https://evil.example', 'BANGFU-LOCAL']) {
      await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { issuer })}`);
    }
    for (const audience of ['', 'bangfu-admin', 'BANGFU']) {
      await expectRefused(`Bearer ${await resignWithLocalKey(h.dataDir, t.bureau, { audience })}`);
    }
  });
});
