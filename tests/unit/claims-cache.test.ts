import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalIssuer, type Claims, type TokenVerifier } from '../../functions/adapters/identity.js';
import { ClaimsCache } from '../../functions/http/claims-cache.js';

let issuer: LocalIssuer;
const claims = (i: number): Claims => ({ sub: `u${i}`, tenantId: 't1', role: 'bureau_admin', email: `u${i}@x.cn` });

/** counts the verifications that reach the real verifier */
function counting(v: TokenVerifier) {
  const calls = { n: 0 };
  return { calls, verifier: { verify: (t: string) => (calls.n++, v.verify(t)) } as TokenVerifier };
}

beforeAll(async () => {
  issuer = await LocalIssuer.load(mkdtempSync(path.join(tmpdir(), 'claims-cache-')));
});

describe('ClaimsCache', () => {
  it('verifies a token once and then answers from memory with the same claims', async () => {
    const { calls, verifier } = counting(issuer);
    const cache = new ClaimsCache(verifier, { maxEntries: 10, maxAgeMs: 60_000 });
    const token = await issuer.sign(claims(1));
    expect(await cache.verify(token)).toEqual(claims(1));
    expect(await cache.verify(token)).toEqual(claims(1));
    expect(calls.n).toBe(1);
  });

  it('never remembers a failure: a tampered or foreign token is rejected every time', async () => {
    const { calls, verifier } = counting(issuer);
    const cache = new ClaimsCache(verifier, { maxEntries: 10, maxAgeMs: 60_000 });
    const other = await LocalIssuer.load(mkdtempSync(path.join(tmpdir(), 'claims-cache-other-')));
    const foreign = await other.sign(claims(2));
    await expect(cache.verify(foreign)).rejects.toThrow();
    await expect(cache.verify(foreign)).rejects.toThrow();
    const good = await issuer.sign(claims(3));
    const [h, p, s] = good.split('.');
    const forged = [
      h,
      Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'platform_admin' })).toString('base64url'),
      s,
    ].join('.');
    await cache.verify(good);
    await expect(cache.verify(forged)).rejects.toThrow();
    expect(calls.n).toBe(4);
    expect(cache.size).toBe(1);
  });

  it('forgets a token at its exp (and after maxAgeMs), then verifies again', async () => {
    let now = Date.now();
    const { calls, verifier } = counting(issuer);
    const cache = new ClaimsCache(verifier, { maxEntries: 10, maxAgeMs: 60_000, now: () => now });
    const token = await issuer.sign(claims(4));
    await cache.verify(token);
    now += 59_000;
    await cache.verify(token);
    expect(calls.n).toBe(1);
    now += 2_000; // past maxAgeMs
    await cache.verify(token);
    expect(calls.n).toBe(2);

    const short = await (await LocalIssuer.load(mkdtempSync(path.join(tmpdir(), 'claims-cache-short-')), 2)).sign(claims(5));
    const shortIssuer = counting({ verify: async () => claims(5) });
    const c2 = new ClaimsCache(shortIssuer.verifier, { maxEntries: 10, maxAgeMs: 3_600_000, now: () => Date.now() + 1_000 });
    await c2.verify(short);
    await c2.verify(short);
    expect(shortIssuer.calls.n).toBe(1);
    const c3 = new ClaimsCache(shortIssuer.verifier, { maxEntries: 10, maxAgeMs: 3_600_000, now: () => Date.now() + 5_000 });
    await c3.verify(short); // already past its exp: never remembered
    await c3.verify(short);
    expect(shortIssuer.calls.n).toBe(3);
    expect(c3.size).toBe(0);
  });

  it('holds at most maxEntries tokens, evicting the least recently used', async () => {
    const { calls, verifier } = counting(issuer);
    const cache = new ClaimsCache(verifier, { maxEntries: 50, maxAgeMs: 60_000 });
    const tokens = await Promise.all(Array.from({ length: 500 }, (_, i) => issuer.sign(claims(i))));
    for (const t of tokens) await cache.verify(t);
    expect(cache.size).toBe(50);
    const before = calls.n;
    await cache.verify(tokens[499]); // recent: remembered
    expect(calls.n).toBe(before);
    await cache.verify(tokens[0]); // evicted long ago: verified again
    expect(calls.n).toBe(before + 1);
    expect(cache.size).toBe(50);
  });
});
