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

/**
 * The photos function (infra/constructs/photos.ts): not in ENTRIES, whose bundles leave
 * only the AWS SDK out; this one leaves sharp out too (PHOTOS_EXTERNAL), which its layer provides.
 */
export const PHOTOS_ENTRY = path.join(REPO_ROOT, 'functions/entries/photos.ts');
export const PHOTOS_EXTERNAL = ['sharp'] as const;

/** The Lambda runtime's Node major; the bundle targets it. */
export const NODE_MAJOR = 22;

/**
 * The AWS SDK packages left to the Lambda runtime's copy: each one imported only with `import()`
 * where it is first needed (see BUNDLING.external). Any other @aws-sdk/* package is bundled.
 */
export const LAZY_AWS_SDK = [
  '@aws-sdk/client-s3',
  '@aws-sdk/client-cognito-identity-provider',
  '@aws-sdk/client-sesv2',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
] as const;

export const BUNDLING = {
  target: `node${NODE_MAJOR}`,
  format: 'esm',
  minify: true,
  sourceMap: true,
  // the map without the sources' text: a stack trace needs only the mappings, and with
  // --enable-source-maps (LAMBDA_NODE_OPTIONS) every cold start reads and parses the whole map:
  // 1.4 MB instead of 3.5 MB for the api (JSON.parse ~3 ms instead of ~8 ms here)
  sourcesContent: false,
  // The AWS SDK v3 the nodejs22.x runtime ships is CommonJS, many files: importing DynamoDB's client
  // from it took longer than the whole rest of the cold start. So the DynamoDB client (every request
  // needs it) is bundled, from its ESM build, and the runtime's copy is used only for what is loaded
  // on first use, never at cold start: S3 (photos, functions/adapters/files-s3.ts), Cognito's API
  // (sign-in and user changes, cognito-directory.ts), and the credential providers the default chain
  // imports only when the environment has no credentials (on Lambda it always has: the role's keys).
  external: [...LAZY_AWS_SDK],
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
 * NODE_OPTIONS of every function (infra/constructs/app-function.ts), and of the cold-start bench's
 * probes (tests/bench/cold-start.ts), so the bench measures the start the functions get. Source
 * maps on: an error's stack in the logs names the TypeScript file and line. The price: Node reads
 * and parses the bundle's map when the module loads (BUNDLING.sourcesContent keeps it small), and
 * formatting a stack costs more: measured on the api bundle (Node 20, 21 fresh processes each,
 * CPU time of import + first request) about 11 ms of 190, kept for the readable stacks.
 */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

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
    sourcesContent: BUNDLING.sourcesContent,
    external: [...BUNDLING.external],
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    alias: { ...BUNDLING.alias },
  };
}
