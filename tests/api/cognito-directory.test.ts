import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoVerifier } from '../../functions/adapters/cognito.js';
import { CognitoEnrolmentDirectory } from '../../functions/adapters/cognito-enrolment.js';
import { getUser } from '../../functions/modules/identity/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';
import { FakeCognito } from './fake-cognito.js';
import { enrolTotp, totpCode } from '../support/mfa.js';

// Identity as on AWS: the real app over DynamoDB Local, its directory and verifier Cognito's, the
// Cognito SDK client replaced by a stand-in pool (fake-cognito.ts). At most 3 failed sign-ins per
// email in a window.

const POOL = 'ap-east-1_Bangfu1';
const CLIENT = 'webclient123';
const PASSWORD = 'right-pass-1';

let cognito: FakeCognito;
let h: Harness;
let t: TestTenant;
let n = 0;

beforeAll(async () => {
  cognito = await FakeCognito.create(POOL, CLIENT);
  const verifier = new CognitoVerifier({ userPoolId: POOL, clientId: CLIENT });
  verifier.cacheJwks(cognito.jwks());
  // the app serves every route here: its directory is the ledger function's, which also enrols (issue 15)
  const directory = new CognitoEnrolmentDirectory({ userPoolId: POOL, clientId: CLIENT, client: cognito.client() });
  h = await makeHarness({ identity: { directory, verifier }, rateLimits: { loginFreeFailuresPerPair: 3 } });
  // the platform admin and this bureau admin were made, and signed in, through the stand-in pool
  t = await h.tenant();
});

const newEmail = () => `user${n++}@cognito.test`;
const createUser = (body: Record<string, unknown>) =>
  h.call('POST', '/api/users', { token: t.bureau, body: { password: PASSWORD, role: 'bureau_admin', ...body } });
const login = (email: string, password: string) => h.call('POST', '/api/auth/login', { body: { email, password } });
const attributesSent = (email: string) =>
  Object.fromEntries(
    (cognito.sent.find((c) => c.command === 'AdminCreateUser' && c.input.Username === email)!.input.UserAttributes as { Name: string; Value: string }[]).map(
      (a) => [a.Name, a.Value],
    ),
  );
/** Every item's key in the table: what "writes nothing" is checked against. */
async function tableKeys(): Promise<string[]> {
  const out = await h.deps.doc.send(new ScanCommand({ TableName: h.deps.tableName, ProjectionExpression: 'pk, sk' }));
  return (out.Items ?? []).map((i) => `${i.pk}|${i.sk}`).sort();
}

describe('creating a user on AWS', () => {
  it('creates the Cognito user with its tenant, role and organization and a permanent password, and records it under Cognito’s sub', async () => {
    const org = await h.organizationId(t);
    const email = newEmail();
    const res = await createUser({ email, role: 'org_member', organizationId: org });
    expect(res.status).toBe(201);

    expect(cognito.sentFor(email)).toEqual(['AdminCreateUser', 'AdminSetUserPassword']);
    const create = cognito.sent.find((c) => c.command === 'AdminCreateUser' && c.input.Username === email)!.input;
    expect(create).toMatchObject({ UserPoolId: POOL, Username: email, MessageAction: 'SUPPRESS' });
    expect(attributesSent(email)).toEqual({
      email,
      email_verified: 'true',
      'custom:tenantId': t.id,
      'custom:role': 'org_member',
      'custom:organizationId': org,
    });
    const setPassword = cognito.sent.find((c) => c.command === 'AdminSetUserPassword' && c.input.Username === email)!.input;
    expect(setPassword).toEqual({ UserPoolId: POOL, Username: email, Password: PASSWORD, Permanent: true });
    expect(cognito.user(email)?.status).toBe('CONFIRMED');

    // the table's user is Cognito's user: same id as the token's sub, and no password of its own
    expect(res.body).toEqual({ id: cognito.user(email)!.sub, email, role: 'org_member', tenantId: t.id, organizationId: org });
    const item = await getUser(new TenantStore(h.deps.doc, h.deps.tableName, t.id), res.body.id);
    expect(item).toMatchObject({ email, role: 'org_member' });
    expect(item!.passwordHash).toBeUndefined();
  });

  it('gives a bureau admin no organization attribute (the pool allows no empty one)', async () => {
    const email = newEmail();
    expect((await createUser({ email })).status).toBe(201);
    expect(attributesSent(email)).toEqual({ email, email_verified: 'true', 'custom:tenantId': t.id, 'custom:role': 'bureau_admin' });
  });

  it('answers 409 for an email Cognito already holds, and writes nothing in the table nor touches that Cognito user', async () => {
    const email = newEmail();
    cognito.addUserInConsole(email, { 'custom:tenantId': 'elsewhere', 'custom:role': 'bureau_admin' });
    const before = await tableKeys();
    const res = await createUser({ email });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(await tableKeys()).toEqual(before);
    expect(cognito.sentFor(email)).toEqual(['AdminCreateUser']);
    expect(cognito.user(email)?.attributes['custom:tenantId']).toBe('elsewhere');
  });

  it('answers 409 for an email already registered through the API, and the first user still signs in', async () => {
    const email = newEmail();
    expect((await createUser({ email })).status).toBe(201);
    const again = await createUser({ email: email.toUpperCase(), password: 'other-pass-2' });
    expect(again.status).toBe(409);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it('deletes the Cognito user again when the table write fails after it', async () => {
    // the table still holds the email's login entry after someone deleted the user from the pool:
    // Cognito accepts the email, the transaction's condition on the login entry refuses it
    const email = newEmail();
    expect((await createUser({ email })).status).toBe(201);
    cognito.deleteUserInConsole(email);
    cognito.sent.length = 0;
    const before = await tableKeys();

    const res = await createUser({ email, password: 'second-pass-1' });
    expect(res.status).toBe(409);
    expect(cognito.sentFor(email)).toEqual(['AdminCreateUser', 'AdminSetUserPassword', 'AdminDeleteUser']);
    expect(cognito.user(email)).toBeUndefined();
    expect(await tableKeys()).toEqual(before);
  });

  it('answers 400 on the password for one Cognito refuses, and leaves no Cognito user behind', async () => {
    const email = newEmail();
    const before = await tableKeys();
    const res = await createUser({ email, password: 'ends-with-a-space ' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'password' })]);
    expect(cognito.sentFor(email)).toEqual(['AdminCreateUser', 'AdminSetUserPassword', 'AdminDeleteUser']);
    expect(cognito.user(email)).toBeUndefined();
    expect(await tableKeys()).toEqual(before);
  });
});

describe('signing in on AWS', () => {
  it('returns Cognito’s ID token and the user from the table, and the token opens the API', async () => {
    const org = await h.organizationId(t);
    const email = newEmail();
    const created = await createUser({ email, role: 'org_member', organizationId: org });
    const res = await login(email, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(created.body);

    const auth = cognito.sent.filter((c) => c.command === 'InitiateAuth' && c.input.AuthParameters.USERNAME === email);
    expect(auth.map((c) => c.input)).toEqual([{ ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }]);
    expect(decodeJwt(res.body.token)).toMatchObject({ token_use: 'id', sub: created.body.id, aud: CLIENT, 'custom:organizationId': org });

    const me = await h.call('GET', '/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: created.body.id, email, role: 'org_member', organizationId: org, tenant: { id: t.id } });
  });

  it('a wrong password is a 401, and an unknown email the same 401', async () => {
    const email = newEmail();
    await createUser({ email });
    const wrong = await login(email, 'wrong-pass-1');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    expect(wrong.body.token).toBeUndefined();
    const unknown = await login('nobody@cognito.test', 'wrong-pass-1');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('wrong passwords slow the failing client down: past 3, the right one is a 429 while it waits and Cognito is not even asked', async () => {
    const email = newEmail();
    await createUser({ email });
    for (let i = 0; i < 4; i++) expect((await login(email, `wrong-${i}-pass`)).status).toBe(401);
    const asked = cognito.sentFor(email).filter((c) => c === 'InitiateAuth').length;
    expect(asked).toBe(4);

    const res = await login(email, PASSWORD);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(cognito.sentFor(email).filter((c) => c === 'InitiateAuth').length).toBe(asked);
  });

  it('a user made in the console, still holding a temporary password, cannot sign in through the API', async () => {
    const email = newEmail();
    cognito.addUserInConsole(email, { 'custom:tenantId': t.id, 'custom:role': 'bureau_admin' });
    const res = await login(email, 'Temp-pass-1');
    expect(res.status).toBe(401);
  });
});

describe('accounts on AWS (issue 14)', () => {
  afterAll(() => h.stopMail());

  it('an invitation creates the Cognito user only when accepted, with its permanent password; the token opens the API', async () => {
    const orgId = await h.organizationId(t);
    const email = newEmail();
    expect((await h.call('POST', '/api/invitations', { token: t.bureau, body: { email, role: 'org_member', organizationId: orgId } })).status).toBe(201);
    expect(cognito.user(email)).toBeUndefined();
    await h.deliver();
    const link = (await h.mail(email))[0].text!.match(/\/invite\/([A-Za-z0-9_-]{43})/)![1];
    const accepted = await h.call('POST', `/api/auth/invitations/${link}/accept`, { body: { password: 'invited-pass-2026' } });
    expect(accepted.status).toBe(201);
    expect(cognito.user(email)).toMatchObject({ status: 'CONFIRMED', attributes: { 'custom:organizationId': orgId, 'custom:role': 'org_member' } });
    expect(accepted.body.user.id).toBe(cognito.user(email)!.sub);
    expect((await h.call('GET', '/api/me', { token: accepted.body.token })).status).toBe(200);
  });

  it('a reset sets the new password in the pool; disabling disables the Cognito user, signs it out everywhere and refuses its token at once', async () => {
    const email = newEmail();
    expect((await createUser({ email })).status).toBe(201);
    const token = (await login(email, PASSWORD)).body.token;
    await h.call('POST', '/api/auth/password-reset', { body: { email } });
    await h.deliver();
    const link = (await h.mail(email)).find((m) => m.text?.includes('/reset-password/'))!.text!.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)![1];
    expect((await h.call('POST', `/api/auth/password-reset/${link}`, { body: { password: 'a-new-pass-2026' } })).status).toBe(200);
    expect(cognito.user(email)!.password).toBe('a-new-pass-2026');
    expect((await login(email, 'a-new-pass-2026')).status).toBe(200);

    const id = (await h.get(token, '/api/me')).id;
    expect((await h.call('POST', `/api/users/${id}/disable`, { token: t.bureau })).status).toBe(200);
    expect(cognito.sentFor(email)).toEqual(expect.arrayContaining(['AdminDisableUser', 'AdminUserGlobalSignOut']));
    expect(cognito.user(email)).toMatchObject({ disabled: true });
    expect((await h.call('GET', '/api/me', { token })).status).toBe(401);
    expect((await login(email, 'a-new-pass-2026')).status).toBe(401);
    expect((await h.call('POST', `/api/users/${id}/enable`, { token: t.bureau })).status).toBe(200);
    expect(cognito.user(email)).toMatchObject({ disabled: false });
    expect((await login(email, 'a-new-pass-2026')).status).toBe(200);
  });
});

describe('two-step verification on AWS (issue 15)', () => {
  const send = (m: string, p: string, token: string, body: unknown) => h.call(m, p, { token: token || undefined, body: body as never });

  it('the platform admin was made to enrol through the pool before anything else (the harness signs it in so)', () => {
    expect(cognito.user('platform@demo.local')).toMatchObject({ mfaEnabled: true, totp: { verified: true } });
  });

  it('enrols with software-token MFA, answers the SOFTWARE_TOKEN_MFA challenge with the code, refuses it replayed, and takes a recovery code once', async () => {
    const email = newEmail();
    expect((await createUser({ email })).status).toBe(201);
    const token = (await login(email, PASSWORD)).body.token;
    cognito.sent.length = 0;
    const { secret, recoveryCodes } = await enrolTotp(send, token, PASSWORD);
    const kinds = cognito.sent.map((c) => c.command);
    expect(kinds).toEqual(['InitiateAuth', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'AdminSetUserMFAPreference']);
    expect(cognito.sent[3].input).toEqual({ UserPoolId: POOL, Username: email, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(cognito.user(email)).toMatchObject({ mfaEnabled: true });

    const bare = await login(email, PASSWORD);
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('mfa_required');

    // the next step's code (the enrolment used this step's; within the ±1 window)
    const code = totpCode(secret, new Date(Date.now() + 30_000));
    cognito.sent.length = 0;
    const res = await h.call('POST', '/api/auth/login', { body: { email, password: PASSWORD, code } });
    expect(res.status).toBe(200);
    const respond = cognito.sent.find((c) => c.command === 'RespondToAuthChallenge')!.input;
    expect(respond).toMatchObject({
      ClientId: CLIENT,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
    });
    expect((await h.call('GET', '/api/villages', { token: res.body.token })).status).toBe(200);
    expect((await h.call('POST', '/api/auth/login', { body: { email, password: PASSWORD, code } })).status).toBe(401);

    cognito.sent.length = 0;
    expect((await h.call('POST', '/api/auth/login', { body: { email, password: PASSWORD, code: recoveryCodes[0] } })).status).toBe(200);
    // the pool's MFA set aside for that one sign-in, and on again
    expect(cognito.sentFor(email)).toEqual(['InitiateAuth', 'AdminSetUserMFAPreference', 'InitiateAuth', 'AdminSetUserMFAPreference']);
    expect(cognito.user(email)).toMatchObject({ mfaEnabled: true });
    expect((await h.call('POST', '/api/auth/login', { body: { email, password: PASSWORD, code: recoveryCodes[0] } })).status).toBe(401);
  });
});
