/**
 * The four Lambda bundles (api, webhooks, jobs, ledger), built the way infra bundles them
 * (tests/infra/support/bundles.ts, from infra/bundling.ts's one set of options): bytes minified and
 * gzipped, and what each is made of. `tsx tests/bench/bundle-size.ts` prints them (`npm run bench`
 * runs it); tests/infra/lambda-entry.test.ts holds the API's under API_BUNDLE_LIMIT.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBundles, describeSizes, type Bundle, type EntryName } from '../infra/support/bundles.js';
import { ENTRIES } from '../../infra/bundling.js';

/**
 * The API's bundle must stay under this many bytes, minified: every cold start reads, parses and
 * evaluates it. Rarely used routes live in the ledger function (functions/app-full.ts) and the
 * Stripe SDK in a layer, loaded on first use (functions/adapters/payments/stripe-sdk.ts).
 */
export const API_BUNDLE_LIMIT = 800_000;

export type BundleFigures = Omit<Bundle, 'file' | 'name'> & { name: EntryName; entry: string };

/** Builds the bundles (all four by default) and returns their figures; nothing is left on disk. */
export async function measureBundles(only?: EntryName[]): Promise<Record<EntryName, BundleFigures>> {
  const built = await buildBundles(only);
  try {
    return Object.fromEntries(
      Object.values(built.bundles).map(({ file: _file, ...b }) => [b.name, { ...b, entry: path.relative(process.cwd(), ENTRIES[b.name]) }]),
    ) as Record<EntryName, BundleFigures>;
  } finally {
    built.remove();
  }
}

/** The API's bundle alone (tests/infra/lambda-entry.test.ts). */
export async function measureApiBundle(): Promise<BundleFigures> {
  return (await measureBundles(['api'])).api;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await measureBundles();
  console.log(`Lambda bundles (esbuild, infra/bundling.ts options):\n${describeSizes(figures as never)}`);
  console.log(`api aim: under ${API_BUNDLE_LIMIT} B minified — ${figures.api.bytes < API_BUNDLE_LIMIT ? 'met' : 'MISSED'}`);
  const ordered = (Object.keys(ENTRIES) as EntryName[]).map((n) => figures[n]);
  for (const f of ordered) {
    console.log(`${f.name} (${f.entry}), largest parts:`);
    for (const [name, bytes] of Object.entries(f.byOrigin).slice(0, 6)) console.log(`  ${name.padEnd(36)} ${kb(bytes).padStart(10)}`);
  }
  for (const f of ordered) {
    console.log(JSON.stringify({ bench: `${f.name}-bundle-size`, bytes: f.bytes, gzipBytes: f.gzipBytes, ms: f.ms }));
  }
  if (figures.api.bytes >= API_BUNDLE_LIMIT) process.exitCode = 1;
}
