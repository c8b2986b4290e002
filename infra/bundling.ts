/**
 * How every Lambda entry is bundled: the single source for infra/constructs/api-function.ts
 * (NodejsFunction) and tests/bench/bundle-size.ts (esbuild directly), so the measured size is the
 * deployed size. Plain data: no aws-cdk-lib import.
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
} as const;
