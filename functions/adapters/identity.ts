import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type CryptoKey } from 'jose';
import { ROLES, type Role } from '../../shared/permissions.js';

export type Claims = { sub: string; tenantId: string; role: Role; organizationId?: string; email: string };

/** What the API needs of an identity provider: Cognito on AWS, the local issuer in local mode. */
export interface TokenVerifier {
  verify(token: string): Promise<Claims>;
}

/** A user as the directory registers it: what the tokens it issues will claim. */
export type NewLogin = { email: string; role: Role; tenantId: string; organizationId?: string };

/**
 * What the directory made. `userId` is the subject its tokens carry (`sub`), so it must also be the
 * user's id in the table: the API reads the caller's record by `sub`. Cognito picks its own subject,
 * hence the directory, not the service, names the user. `passwordHash` is for the local directory
 * only, whose credential lives on the user item.
 */
export type CreatedLogin = { userId: string; passwordHash?: string };

/**
 * Who may sign in, and with which password: the table itself in local mode, Cognito on AWS. The
 * user's record (role, organization, tenant) is written to the table by the identity service in
 * both modes; the directory holds the credential and issues the token.
 */
export interface UserDirectory {
  /** Registers a login; null when the email already has one. */
  createLogin(user: NewLogin, password: string): Promise<CreatedLogin | null>;
  /** Undoes createLogin when the user's record could not be written, so no login dangles. */
  deleteLogin(email: string): Promise<void>;
  /**
   * A token for the right password (and, once the login has a second factor, the right code from
   * its authenticator app); null for a wrong password or an unknown email alike. With the right
   * password, a login with a second factor answers `required` without a code and `wrong` for a
   * wrong or replayed one.
   */
  signIn(email: string, password: string, code?: string): Promise<SignInOutcome>;
  /**
   * A token for the right password alone, for a login with a second factor whose owner gave one
   * of its recovery codes instead (the caller checked and used it up); null for a wrong password.
   */
  signInWithRecovery(email: string, password: string): Promise<{ token: string } | null>;
  /**
   * Starts enrolling an authenticator app, after checking the password again: the shared secret
   * for the app, and `pending` — what confirmTotp needs to finish, which the caller keeps on the
   * user's record meanwhile. Null for a wrong password.
   */
  startTotp(email: string, password: string): Promise<{ secret: string; pending: string } | null>;
  /**
   * Finishes enrolling with a code from the app: the second factor is on from now. Null for a
   * wrong code. Locally the secret and the code's time step come back for the caller's
   * transaction to write on the user item; Cognito keeps its own.
   */
  confirmTotp(email: string, pending: string, code: string): Promise<{ totpSecret?: string; totpLastStep?: number } | null>;
  /**
   * A new password for an existing login (a reset link). Locally the hash comes back for the
   * caller's transaction to write on the user item; Cognito sets it itself and returns nothing.
   */
  setPassword(email: string, password: string): Promise<{ passwordHash?: string }>;
  /** Disables or enables a login; disabling also signs it out everywhere (Cognito's refresh tokens). */
  setEnabled(email: string, enabled: boolean): Promise<void>;
}

/** How a sign-in ends: a token, a second factor asked for or refused, or null (wrong password). */
export type SignInOutcome = { token: string } | { secondFactor: 'required' | 'wrong' } | null;

/** The half of a directory that creating users needs (the demo loader has no issuer to sign with). */
export type LoginRegistry = Pick<UserDirectory, 'createLogin' | 'deleteLogin'>;

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
