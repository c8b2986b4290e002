import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type CryptoKey } from 'jose';
import { ROLES, type Role } from '../../shared/permissions.js';

export type Claims = { sub: string; tenantId: string; role: Role; organizationId?: string; email: string };

/** What the API needs of an identity provider: Cognito on AWS, the local issuer in local mode. */
export interface TokenVerifier {
  verify(token: string): Promise<Claims>;
}

const ISSUER = 'bangfu-local';
const AUDIENCE = 'bangfu';
const ALG = 'ES256';

/**
 * The local identity provider: an ES256 key pair generated once into DATA_DIR, tokens signed with
 * it, its public half served as JWKS.
 */
export class LocalIssuer implements TokenVerifier {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly publicJwk: JWK,
    private readonly ttlSeconds: number,
  ) {}

  static async load(dataDir: string, ttlSeconds = 12 * 3600): Promise<LocalIssuer> {
    const dir = path.join(dataDir, 'identity');
    const file = path.join(dir, 'signing-key.json');
    let jwks: { privateJwk: JWK; publicJwk: JWK };
    try {
      jwks = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      const pair = await generateKeyPair(ALG, { extractable: true });
      const kid = `local-${Date.now().toString(36)}`;
      jwks = {
        privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: ALG },
        publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: ALG, use: 'sig' },
      };
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify(jwks), { mode: 0o600 });
    }
    const privateKey = (await importJWK(jwks.privateJwk, ALG)) as CryptoKey;
    const publicKey = (await importJWK(jwks.publicJwk, ALG)) as CryptoKey;
    return new LocalIssuer(privateKey, publicKey, jwks.publicJwk, ttlSeconds);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async sign(claims: Claims): Promise<string> {
    const { sub, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.privateKey);
  }

  async verify(token: string): Promise<Claims> {
    const { payload } = await jwtVerify(token, this.publicKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALG] });
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || typeof payload.tenantId !== 'string' || !ROLES.includes(role)) {
      throw new Error('token lacks claims');
    }
    return {
      sub: payload.sub,
      tenantId: payload.tenantId,
      role,
      organizationId: typeof payload.organizationId === 'string' ? payload.organizationId : undefined,
      email: typeof payload.email === 'string' ? payload.email : '',
    };
  }
}
