import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../modules/context.js';
export type { Caller };
import type { LocalIssuer, TokenVerifier, UserDirectory } from '../adapters/identity.js';
import type { Clock } from '../adapters/clock.js';
import type { FileStore } from '../adapters/files.js';
import type { Payments } from '../adapters/payments/port.js';
import type { TenantStore } from '../store/tenant-store.js';
import type { RateLimits } from '../store/rate-limit.js';

export type { RateLimits };

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
  /** uploaded files (listing photos): DATA_DIR/files locally, a private S3 bucket on AWS */
  files: FileStore;
  /** the web app's public origin (PUBLIC_URL) for links and QR codes; else each request's origin */
  publicUrl?: string;
  /** Stripe Checkout with STRIPE_SECRET_KEY; the local checkout page without */
  payments: Payments;
  /** how long a checkout holds its stock (CHECKOUT_TTL_SECONDS, default 1800) */
  checkoutTtlSeconds: number;
  /** on AWS (ORIGIN_SECRET): requests without CloudFront's origin header are a 403 (http/origin-secret.ts) */
  originSecret?: string;
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
