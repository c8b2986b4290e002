import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/harness.js';

// Sign-in: a wrong password is a 401. Failures slow down the failing pair of email and client only
// (3 free failures, then 1 s, 2 s, 4 s … as 429 with Retry-After); 12 attempts from one client in a
// window are a 429 whatever the email (limits set small for this file).

let h: Harness;
let bureau: string;
const PASSWORD = 'right-pass-1';
let n = 0;

beforeAll(async () => {
  h = await makeHarness({
    now: new Date('2026-06-15T04:00:00Z'),
    rateLimits: { loginFailuresPerEmail: 6, loginFreeFailuresPerPair: 3, loginAttemptsPerClient: 12 },
  });
  // the harness signs in twice here, from its own client address; the tests use their own
  bureau = (await h.tenant()).bureau;
});

/** A new bureau user, made without signing in. */
async function user(): Promise<string> {
  const email = `person${n++}@login.test`;
  const res = await h.call('POST', '/api/users', { token: bureau, body: { email, password: PASSWORD, role: 'bureau_admin' } });
  expect(res.status).toBe(201);
  return email;
}

let client = 0;
const newClient = () => `198.51.100.${++client}`;
const login = (email: string, password: string, ip: string) =>
  h.call('POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });

describe('passwords', () => {
  it('the right password signs in and returns the user', async () => {
    const email = await user();
    const res = await login(email, PASSWORD, newClient());
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email, role: 'bureau_admin' });
    expect((await h.call('GET', '/api/me', { token: res.body.token })).body.email).toBe(email);
  });

  it('a wrong password is a 401 and gives no token', async () => {
    const email = await user();
    const res = await login(email, 'wrong-pass-1', newClient());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.body.token).toBeUndefined();
  });

  it('an unknown email gets the same 401 as a wrong password', async () => {
    const known = await login(await user(), 'wrong-pass-1', newClient());
    const unknown = await login('nobody@login.test', 'wrong-pass-1', newClient());
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(known.body);
  });
});

describe('failures slow the failing pair of email and client, never the owner (issue 15, hole 1)', () => {
  /** Run `fn` with the clock moved on by `seconds`, then put it back. */
  async function later<T>(seconds: number, fn: () => Promise<T>): Promise<T> {
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + seconds * 1000);
    try {
      return await fn();
    } finally {
      h.clock.now = saved;
    }
  }

  it("a dozen wrong passwords from anywhere do not lock the owner out: the owner's right password signs in", async () => {
    const email = await user();
    const attacker = newClient();
    for (let i = 0; i < 12; i++) expect([401, 429]).toContain((await login(email, `wrong-${i}-pass`, attacker)).status);
    // and from a dozen different clients (a distributed guess)
    for (let i = 0; i < 12; i++) expect((await login(email, `wrong-${i}-pass`, newClient())).status).toBe(401);
    expect((await login(email, PASSWORD, newClient())).status).toBe(200);
  });

  it('a failing pair gets its free failures, then waits 1 s, 2 s, 4 s … (429 with Retry-After), its right password included', async () => {
    const email = await user();
    const ip = newClient();
    for (let i = 0; i < 3; i++) expect((await login(email, `wrong-${i}-pass`, ip)).status).toBe(401);
    // the 4th failure costs a 1 s wait
    expect((await login(email, 'wrong-3-pass', ip)).status).toBe(401);
    const waiting = await login(email, PASSWORD, ip);
    expect(waiting.status).toBe(429);
    expect(waiting.body.error.code).toBe('rate_limited');
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(waiting.body.token).toBeUndefined();
    // after the wait it may try again; another failure doubles the wait
    expect((await later(1, () => login(email, 'wrong-4-pass', ip))).status).toBe(401);
    expect((await later(1, () => login(email, PASSWORD, ip))).headers.get('retry-after')).toBe('2');
    expect((await later(3, () => login(email, 'wrong-5-pass', ip))).status).toBe(401);
    expect((await later(3, () => login(email, PASSWORD, ip))).headers.get('retry-after')).toBe('4');
    // meanwhile the owner, elsewhere, signs in
    expect((await login(email, PASSWORD, newClient())).status).toBe(200);
    // and once the wait is over the pair's right password works
    expect((await later(8, () => login(email, PASSWORD, ip))).status).toBe(200);
  });

  it("a success clears the pair's failures", async () => {
    const email = await user();
    const ip = newClient();
    for (let i = 0; i < 3; i++) expect((await login(email, `wrong-${i}-pass`, ip)).status).toBe(401);
    expect((await login(email, PASSWORD, ip)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(email, `again-${i}-pass`, ip)).status).toBe(401);
    expect((await login(email, PASSWORD, ip)).status).toBe(200);
  });

  it('the wait never exceeds 15 minutes', async () => {
    const { delayAfter, MAX_DELAY_SECONDS } = await import('../../functions/modules/identity/login-throttle.js');
    expect([1, 2, 3, 4, 5, 6].map((f) => delayAfter(f, 3))).toEqual([0, 0, 0, 1, 2, 4]);
    expect(delayAfter(40, 3)).toBe(MAX_DELAY_SECONDS);
    expect(MAX_DELAY_SECONDS).toBe(900);
  });

  it('an email under a distributed guess (more failures than loginFailuresPerEmail from all clients) slows every failing client from its first failure', async () => {
    const email = await user();
    for (let i = 0; i < 7; i++) expect((await login(email, `wrong-${i}-pass`, newClient())).status).toBe(401);
    const fresh = newClient();
    expect((await login(email, 'wrong-x-pass', fresh)).status).toBe(401);
    expect((await login(email, 'wrong-y-pass', fresh)).status).toBe(429);
    // a client that has not been failing still signs in
    expect((await login(email, PASSWORD, newClient())).status).toBe(200);
  });

  it("the pair does not depend on the email's letter case and spares other emails from the same client", async () => {
    const email = await user();
    const ip = newClient();
    for (let i = 0; i < 4; i++) await login(email.toUpperCase(), `wrong-${i}-pass`, ip);
    expect((await login(email, PASSWORD, ip)).status).toBe(429);
    expect((await login(await user(), PASSWORD, ip)).status).toBe(200);
  });

  it('one client gets 12 attempts, then 429 even with the right password, while other clients go on', async () => {
    const email = await user();
    const ip = newClient();
    for (let i = 0; i < 11; i++) expect((await login(`stranger${i}@login.test`, 'whatever-1', ip)).status).toBe(401);
    expect((await login(email, PASSWORD, ip)).status).toBe(200);
    const res = await login(email, PASSWORD, ip);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect((await login(email, PASSWORD, newClient())).status).toBe(200);
  });

  it('the client is the last x-forwarded-for address (the one the nearest proxy saw), not what the client wrote', async () => {
    const email = await user();
    const ip = newClient();
    // the client forges a different first hop each time: still one client
    for (let i = 0; i < 12; i++) await login(email, PASSWORD, `10.0.0.${i}, ${ip}`);
    expect((await login(email, PASSWORD, `10.9.9.9, ${ip}`)).status).toBe(429);
  });
});
