import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * Test-only token forging: the claims of a real token re-signed with the local issuer's own key
 * (functions/adapters/identity.ts keeps it in <dataDir>/identity/signing-key.json) or with a key
 * nobody trusts, with any expiry, issuer or audience. jose verifies `exp` against the real clock,
 * so an expired token is one whose `exp` lies in the real past.
 */
export type ForgeOptions = {
  /** seconds since the epoch; default an hour from now */
  exp?: number;
  issuer?: string;
  audience?: string;
  /** claims to change or add */
  claims?: Record<string, unknown>;
};

const ALG = 'ES256';

export function claimsOf(token: string): JWTPayload {
  return decodeJwt(token);
}

async function sign(payload: JWTPayload, key: CryptoKey, kid: string | undefined, opts: ForgeOptions): Promise<string> {
  const { iat: _iat, exp: _exp, iss: _iss, aud: _aud, ...rest } = payload;
  return new SignJWT({ ...rest, ...opts.claims })
    .setProtectedHeader({ alg: ALG, ...(kid ? { kid } : {}) })
    .setIssuer(opts.issuer ?? 'bangfu-local')
    .setAudience(opts.audience ?? 'bangfu')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 3600)
    .sign(key);
}

/** The claims of `token`, signed again with the local issuer's private key from `dataDir`. */
export async function resignWithLocalKey(dataDir: string, token: string, opts: ForgeOptions = {}): Promise<string> {
  const file = path.join(dataDir, 'identity', 'signing-key.json');
  const { privateJwk } = JSON.parse(await readFile(file, 'utf8')) as { privateJwk: JWK };
  const key = (await importJWK(privateJwk, ALG)) as CryptoKey;
  return sign(claimsOf(token), key, privateJwk.kid, opts);
}

/** The claims of `token`, signed with a freshly generated key the server has never seen. */
export async function resignWithForeignKey(token: string, opts: ForgeOptions = {}): Promise<string> {
  const { privateKey } = await generateKeyPair(ALG);
  return sign(claimsOf(token), privateKey, 'foreign', opts);
}

/** The token with its signature replaced by `alg: none` (no signature at all). */
export function unsigned(token: string): string {
  const [, payload] = token.split('.');
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  return `${header}.${payload}.`;
}
