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
  },
});
