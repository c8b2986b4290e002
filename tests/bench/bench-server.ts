/**
 * The bench's server child: the same app as `npm start` (functions/app.ts buildApp over DynamoDB
 * Local, demo data loaded), on 127.0.0.1:PORT, with the login rate limits raised for the sign-in
 * throughput run (local mode sees every bench request from 127.0.0.1, one "client"). Bench only.
 */
import { serve } from '@hono/node-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoLocal } from '../../functions/adapters/dynamo-local.js';
import { buildApp } from '../../functions/app.js';
import { loadDemoData } from '../../functions/demo/load.js';
import { localDeps } from '../../functions/entries/runtime.js';
import { BENCH_RATE_LIMITS } from './figures.js';

const port = Number(process.env.PORT ?? 3999);
const db = await startDynamoLocal();
const deps = await localDeps({
  endpoint: db.endpoint,
  dataDir: mkdtempSync(path.join(tmpdir(), 'bangfu-bench-server-')),
  rateLimits: BENCH_RATE_LIMITS,
});
await loadDemoData(deps.doc, deps.tableName);
const app = buildApp(deps);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log(`bench server running at http://127.0.0.1:${port}`));
const stop = async () => {
  await db.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
