import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../modules/context.js';
export type { Caller };
import type { LocalIssuer, TokenVerifier, UserDirectory } from '../adapters/identity.js';
import type { Clock } from '../adapters/clock.js';
import type { TenantStore } from '../store/tenant-store.js';


export type RateLimits = {
  /** failed logins per email per window */
  loginFailuresPerEmail: number;
  /** login attempts per client per window */
  loginAttemptsPerClient: number;
  windowSeconds: number;
};

export type AppDeps = {
  doc: DynamoDBDocumentClient;
  tableName: string;
  verifier: TokenVerifier;
  /** who may sign in: the table's password hashes locally, Cognito on AWS */
  directory: UserDirectory;
  /** present in local mode: signs tokens and serves JWKS */
  issuer?: LocalIssuer;
  clock: Clock;
  rateLimits: RateLimits;
};

export type Env = {
  Variables: {
    deps: AppDeps;
    caller: Caller;
    /** the caller's tenant-scoped store */
    store: TenantStore;
    requestId: string;
  };
};
