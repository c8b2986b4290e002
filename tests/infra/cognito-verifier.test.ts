import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimsFromIdToken, CognitoVerifier } from '../../functions/adapters/cognito.js';

/**
 * Tokens shaped and signed the way Cognito signs ID tokens (RS256, issuer = the pool's URL,
 * aud = the app client, token_use = id), verified by the real aws-jwt-verify against a JWKS
 * preloaded into its cache instead of fetched from Cognito.
 */
const POOL = 'ap-east-1_Test123';
const CLIENT = 'webclient123';
const ISSUER = `https://cognito-idp.ap-east-1.amazonaws.com/${POOL}`;

let privateKey: CryptoKey;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
});

const member = {
  sub: 'a1b2c3',
  email: 'member@example.org',
  'custom:tenantId': 'tnt_1',
  'custom:role': 'org_member',
  'custom:organizationId': 'org_9',
};

async function idToken(claims: Record<string, unknown> = {}, opts: { aud?: string; iss?: string; exp?: number; tokenUse?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ token_use: opts.tokenUse ?? 'id', auth_time: now, ...member, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? CLIENT)
    .setIssuedAt(now - 10)
    .setExpirationTime(opts.exp ?? now + 3600)
    .sign(privateKey);
}

function verifier() {
  const v = new CognitoVerifier({ userPoolId: POOL, clientId: CLIENT });
  v.cacheJwks({ keys: [publicJwk as never] });
  return v;
}

describe('the Cognito verifier', () => {
  it('turns an ID token’s custom attributes into the caller’s claims', async () => {
    await expect(verifier().verify(await idToken())).resolves.toEqual({
      sub: 'a1b2c3',
      tenantId: 'tnt_1',
      role: 'org_member',
      organizationId: 'org_9',
      email: 'member@example.org',
    });
  });

  it('leaves organizationId out for a bureau admin', async () => {
    const claims = await verifier().verify(await idToken({ 'custom:role': 'bureau_admin', 'custom:organizationId': undefined }));
    expect(claims.role).toBe('bureau_admin');
    expect(claims.organizationId).toBeUndefined();
  });

  it('refuses a token issued to another app client', async () => {
    await expect(verifier().verify(await idToken({}, { aud: 'someone-else' }))).rejects.toThrow();
  });

  it('refuses a token from another user pool', async () => {
    await expect(verifier().verify(await idToken({}, { iss: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_Other' }))).rejects.toThrow();
  });

  it('refuses an access token: only ID tokens carry the tenant and role', async () => {
    await expect(verifier().verify(await idToken({}, { tokenUse: 'access' }))).rejects.toThrow();
  });

  it('refuses an expired token', async () => {
    await expect(verifier().verify(await idToken({}, { exp: Math.floor(Date.now() / 1000) - 60 }))).rejects.toThrow();
  });

  it('refuses a token signed by a key outside the pool’s JWKS', async () => {
    const stranger = await generateKeyPair('RS256');
    const forged = await new SignJWT({ token_use: 'id', ...member })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(CLIENT)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
    await expect(verifier().verify(forged)).rejects.toThrow();
  });
});

describe('claims from an ID token', () => {
  it('refuse a token without a tenant', () => {
    expect(() => claimsFromIdToken({ ...member, 'custom:tenantId': '' })).toThrow(/tenantId/);
  });

  it('refuse a role the permission table does not know', () => {
    expect(() => claimsFromIdToken({ ...member, 'custom:role': 'root' })).toThrow(/role/);
  });
});
