import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    // a setup hook synthesizes stacks (esbuild bundling) or starts servers: far from this even on a loaded 2-core machine
    hookTimeout: 240_000,
    // one DynamoDB Local for the run; each file its own table, so files may run side by side
    fileParallelism: true,
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // the Lambda bundles the infra tests build (.test-data/bundles-…, tests/infra/support/bundles.ts)
    // load in Node itself, as the Lambda runtime loads them: not through vite's transform, which
    // re-read their 1–3 MB source maps on every import and warned that the packages' own maps point
    // at sources the packages do not ship (@hono/zod-openapi's src/*.ts)
    server: { deps: { external: [/\/\.test-data\//] } },
  },
});
