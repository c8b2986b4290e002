import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/harness.js';

// Sign-in: a wrong password is a 401; after 3 failures for one email, or 5 attempts from one
// client, in a window, even the right password is a 429 (limits set small for this file).

let h: Harness;
let bureau: string;
const PASSWORD = 'right-pass-1';
let n = 0;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z'), rateLimits: { loginFailuresPerEmail: 3, loginAttemptsPerClient: 5 } });
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

describe('rate limits', () => {
  it('after 3 failures for an email, even the right password is refused with 429', async () => {
    const email = await user();
    for (let i = 0; i < 3; i++) expect((await login(email, `wrong-${i}-pass`, newClient())).status).toBe(401);
    const res = await login(email, PASSWORD, newClient());
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(res.body.token).toBeUndefined();
  });

  it('2 failures do not lock the email yet', async () => {
    const email = await user();
    for (let i = 0; i < 2; i++) expect((await login(email, `wrong-${i}-pass`, newClient())).status).toBe(401);
    expect((await login(email, PASSWORD, newClient())).status).toBe(200);
  });

  it("the email's lock does not depend on its letter case and spares other emails", async () => {
    const email = await user();
    for (let i = 0; i < 3; i++) await login(email.toUpperCase(), `wrong-${i}-pass`, newClient());
    expect((await login(email, PASSWORD, newClient())).status).toBe(429);
    expect((await login(await user(), PASSWORD, newClient())).status).toBe(200);
  });

  it('the lock ends with its window', async () => {
    const email = await user();
    for (let i = 0; i < 3; i++) await login(email, `wrong-${i}-pass`, newClient());
    expect((await login(email, PASSWORD, newClient())).status).toBe(429);
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 16 * 60_000);
    try {
      expect((await login(email, PASSWORD, newClient())).status).toBe(200);
    } finally {
      h.clock.now = saved;
    }
  });

  it('one client gets 5 attempts, then 429 even with the right password, while other clients go on', async () => {
    const email = await user();
    const ip = newClient();
    for (let i = 0; i < 4; i++) expect((await login(`stranger${i}@login.test`, 'whatever-1', ip)).status).toBe(401);
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
    for (let i = 0; i < 5; i++) await login(email, PASSWORD, `10.0.0.${i}, ${ip}`);
    expect((await login(email, PASSWORD, `10.9.9.9, ${ip}`)).status).toBe(429);
  });
});
