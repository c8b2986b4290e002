import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { ROLES, type Role } from '../../shared/permissions.js';
import type { Claims, TokenVerifier } from './identity.js';

/**
 * The user pool's custom attributes, as they appear in an ID token. infra/constructs/identity.ts
 * declares the same three (without the `custom:` prefix).
 */
export const CUSTOM_CLAIMS = {
  tenantId: 'custom:tenantId',
  role: 'custom:role',
  organizationId: 'custom:organizationId',
} as const;

/**
 * Maps a verified Cognito ID token's payload to the app's Claims; throws when the token lacks the
 * tenant or carries a role the permission table does not know.
 */
export function claimsFromIdToken(payload: JwtPayload): Claims {
  const sub = payload.sub;
  const tenantId = payload[CUSTOM_CLAIMS.tenantId];
  const role = payload[CUSTOM_CLAIMS.role];
  const organizationId = payload[CUSTOM_CLAIMS.organizationId];
  if (typeof sub !== 'string' || sub === '') throw new Error('token lacks sub');
  if (typeof tenantId !== 'string' || tenantId === '') throw new Error('token lacks custom:tenantId');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new Error('token lacks a known custom:role');
  return {
    sub,
    tenantId,
    role: role as Role,
    organizationId: typeof organizationId === 'string' && organizationId !== '' ? organizationId : undefined,
    email: typeof payload.email === 'string' ? payload.email : '',
  };
}

/**
 * Verifies Cognito ID tokens (signature against the pool's JWKS, issuer, expiry, `token_use: id`,
 * audience = the app client) and maps them to Claims. ID tokens, not access tokens: only ID tokens
 * carry the custom attributes.
 */
export class CognitoVerifier implements TokenVerifier {
  private readonly jwt;

  constructor(opts: { userPoolId: string; clientId: string }) {
    this.jwt = CognitoJwtVerifier.create({ userPoolId: opts.userPoolId, clientId: opts.clientId, tokenUse: 'id' });
  }

  /** Loads the pool's JWKS now, so the first request does not wait for it. */
  async hydrate(): Promise<void> {
    await this.jwt.hydrate();
  }

  /** Preloads a JWKS (tests, or a pool whose keys are known) instead of fetching it. */
  cacheJwks(jwks: Jwks): void {
    this.jwt.cacheJwks(jwks);
  }

  async verify(token: string): Promise<Claims> {
    return claimsFromIdToken(await this.jwt.verify(token));
  }
}
