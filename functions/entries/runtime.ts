import path from 'node:path';
import { LocalFileStore } from '../adapters/files.js';
import { LocalPayments, loadLocalWebhookSecret } from '../adapters/payments/local.js';
import { StripePayments, type StripeSettings } from '../adapters/payments/stripe.js';
import { LocalIssuer } from '../adapters/identity.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import { documentClient, dynamoClient } from '../adapters/dynamo-local.js';
import type { AppDeps, RateLimits } from '../http/context.js';
import { DEFAULT_CHECKOUT_TTL_SECONDS, DEFAULT_RATE_LIMITS } from './env.js';
import { localDirectory } from '../modules/identity/local-directory.js';
import { ensureTable } from '../store/table.js';
import { globalStoreUnscoped } from '../store/tenant-store.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export { DEFAULT_RATE_LIMITS };

/** The local wiring of the app's dependencies: DynamoDB Local at `endpoint`, the local issuer and directory. */
export async function localDeps(opts: {
  endpoint: string;
  dataDir: string;
  tableName?: string;
  clock?: Clock;
  rateLimits?: Partial<RateLimits>;
  publicUrl?: string;
  checkoutTtlSeconds?: number;
  /** Stripe instead of the local checkout page (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET) */
  stripe?: StripeSettings;
}): Promise<AppDeps> {
  const client = dynamoClient(opts.endpoint);
  const tableName = opts.tableName ?? 'bangfu';
  await ensureTable(client, tableName);
  const issuer = await LocalIssuer.load(path.resolve(opts.dataDir));
  const doc = documentClient(client);
  const clock = opts.clock ?? systemClock;
  const payments = opts.stripe
    ? new StripePayments(opts.stripe)
    : new LocalPayments(doc, tableName, await loadLocalWebhookSecret(path.resolve(opts.dataDir)), clock);
  return {
    doc,
    tableName,
    verifier: issuer,
    directory: localDirectory(globalStoreUnscoped(doc, tableName), issuer, clock),
    issuer,
    clock,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits },
    files: new LocalFileStore(path.join(path.resolve(opts.dataDir), 'files')),
    publicUrl: opts.publicUrl,
    payments,
    checkoutTtlSeconds: opts.checkoutTtlSeconds ?? DEFAULT_CHECKOUT_TTL_SECONDS,
  };
}
