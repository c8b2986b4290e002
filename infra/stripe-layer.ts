/**
 * The Stripe SDK as a Lambda layer for the functions that call Stripe (api, webhooks, ledger): the
 * package installed in node_modules (the version package-lock.json pins), its CommonJS build only,
 * copied to the layer's `nodejs/node_modules/stripe`, which is on Node's require path on Lambda.
 * The functions load it on first use (functions/adapters/payments/stripe-sdk.ts) and none of their
 * bundles carries it: ~240 KB less for every cold start to read, parse and evaluate. Pure
 * JavaScript without dependencies, so copying needs neither npm nor Docker. Plain data and node:
 * only (no aws-cdk-lib), so tests can check what goes in.
 */
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundling.js';

const SOURCE = path.join(REPO_ROOT, 'node_modules', 'stripe');

/** The installed SDK's version (the layer's description names it). */
export function stripeLayerVersion(): string {
  if (!existsSync(path.join(SOURCE, 'package.json'))) throw new Error('node_modules/stripe is missing: npm ci first');
  return (
    JSON.parse(readFileSync(path.join(SOURCE, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** What is copied: the manifest, the licence, the CommonJS build less its types and source maps. */
export const keepInStripeLayer = (file: string): boolean => !file.endsWith('.d.ts') && !file.endsWith('.map') && !file.endsWith('.d.cts');

/** Fills `outDir` with the layer's contents: `nodejs/node_modules/stripe/{package.json,LICENSE,cjs/…}`. */
export function bundleStripeLayer(outDir: string): void {
  stripeLayerVersion();
  const target = path.join(outDir, 'nodejs', 'node_modules', 'stripe');
  mkdirSync(target, { recursive: true });
  for (const f of ['package.json', 'LICENSE']) cpSync(path.join(SOURCE, f), path.join(target, f));
  cpSync(path.join(SOURCE, 'cjs'), path.join(target, 'cjs'), {
    recursive: true,
    filter: (src) => keepInStripeLayer(src),
  });
}
