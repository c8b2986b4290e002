import { createRequire } from 'node:module';
import type Stripe from 'stripe';

/** The name the loader requires: on Lambda a layer provides it (infra/constructs/stripe-secrets.ts). */
export const STRIPE_SDK_PACKAGE = 'stripe';

let sdk: typeof Stripe | undefined;

/**
 * The Stripe SDK, loaded on its first use and kept. Never imported at module level: the SDK is
 * ~240 KB minified, a quarter of the api bundle, and most requests (and every cold start) need none
 * of it. The call below is opaque to esbuild, so no bundle carries the SDK: on Lambda it comes from
 * the Stripe layer (/opt/nodejs/node_modules, on Node's require path), in local mode and tests from
 * node_modules. Synchronous (require, the package's CommonJS build) so a webhook's signature check
 * stays a plain call. tests/infra/ledger-function.test.ts holds every bundle without it.
 */
export function stripeSdk(): typeof Stripe {
  return (sdk ??= createRequire(import.meta.url)(STRIPE_SDK_PACKAGE) as typeof Stripe);
}
