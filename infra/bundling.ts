/**
 * How every Lambda entry is bundled: the single source for infra/constructs/app-function.ts
 * (NodejsFunction) and tests/infra/support/bundles.ts (esbuild directly; tests/bench/bundle-size.ts
 * too), so the measured size is the deployed size. Plain data: no aws-cdk-lib import.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: package-lock.json, tsconfig.json and every entry live under it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Entry files: the only thing infra knows of functions/. */
export const ENTRIES = {
  api: path.join(REPO_ROOT, 'functions/entries/lambda.ts'),
  webhooks: path.join(REPO_ROOT, 'functions/entries/webhooks.ts'),
  jobs: path.join(REPO_ROOT, 'functions/entries/jobs.ts'),
  /** /api/exports/* and /api/imports/*: the routes that need exceljs (kept out of `api`) */
  ledger: path.join(REPO_ROOT, 'functions/entries/ledger.ts'),
} as const;

/** The Lambda runtime's Node major; the bundle targets it. */
export const NODE_MAJOR = 22;

export const BUNDLING = {
  target: `node${NODE_MAJOR}`,
  format: 'esm',
  minify: true,
  sourceMap: true,
  // the nodejs22.x runtime ships AWS SDK v3: leaving it out keeps the bundle (and the cold start) small
  external: ['@aws-sdk/*'],
  // prefer packages' ESM builds, which tree-shake
  mainFields: ['module', 'main'],
  // ESM output: a CommonJS dependency that calls require() for a Node built-in needs a real require
  banner: "import { createRequire as __bangfuCreateRequire } from 'node:module'; const require = __bangfuCreateRequire(import.meta.url);",
  // zod's entry less its `locales` namespace (~260 KB minified that nothing uses: English is the
  // default either way); see infra/zod-lean.mjs. Only the bundles see it: tsc, vitest and local mode
  // use the package as installed. An absolute path: esbuild runs locally (forceDockerBundling false).
  alias: { zod: path.join(REPO_ROOT, 'infra/zod-lean.mjs') },
} as const;

/**
 * BUNDLING as NodejsFunction's `bundling.esbuildArgs`, for the options it has no prop of its own
 * for (`--alias:zod=/…/infra/zod-lean.mjs`).
 */
export function cdkEsbuildArgs(): Record<string, string[]> {
  return { '--alias': Object.entries(BUNDLING.alias).map(([from, to]) => `${from}=${to}`) };
}

/**
 * BUNDLING as esbuild's build options, for the tests' and the bench's bundles
 * (tests/infra/support/bundles.ts): the same options NodejsFunction passes on the command line.
 */
export function esbuildOptions() {
  return {
    bundle: true,
    platform: 'node' as const,
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    external: [...BUNDLING.external],
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    alias: { ...BUNDLING.alias },
  };
}
