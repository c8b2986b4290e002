import type { TestProject } from 'vitest/node';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoLocal } from '../../functions/adapters/dynamo-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  let db: Awaited<ReturnType<typeof startDynamoLocal>>;
  try {
    db = await startDynamoLocal();
  } catch (e) {
    const error = new Error(`database did not start: ${(e as Error).message}`);
    // a run's error, so vitest's summary names it instead of a misleading "No test files found"
    project.vitest.state.catchError(error, 'Global setup');
    throw error;
  }
  if (db.startedInMs > 30_000) console.log(`DynamoDB Local answered after ${(db.startedInMs / 1000).toFixed(1)} s`);
  project.provide('dynamoEndpoint', db.endpoint);
  return async () => {
    await db.stop();
    // the e2e servers' demo template files (tests/e2e/support/demo-table.ts demoFilesDir)
    for (const d of readdirSync(tmpdir())) if (d.startsWith(`bangfu-demo-files-${db.port}-`)) rmSync(path.join(tmpdir(), d), { recursive: true, force: true });
  };
}
