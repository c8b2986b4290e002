/**
 * The bench's server child: the same app as `npm start` (functions/app.ts buildApp over DynamoDB
 * Local, demo data loaded), on 127.0.0.1:PORT, with the login rate limits raised for the sign-in
 * throughput run (local mode sees every bench request from 127.0.0.1, one "client"). Bench only.
 */
import { serve } from '@hono/node-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
// Bench only: GET /__bench/heap forces a full GC and reports the heap, so the RSS figure can be told
// apart from live memory (a leak keeps heapUsed-after-GC growing; RSS alone also counts freed pages).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
const fetch = (req: Request) => {
  if (new URL(req.url).pathname !== '/__bench/heap') return app.fetch(req);
  gc();
  gc();
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  return Response.json({ rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers), mallocedMB: mb(h.malloced_memory) });
};
serve({ fetch, port, hostname: '127.0.0.1' }, () => console.log(`bench server running at http://127.0.0.1:${port}`));
const stop = async () => {
  await db.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
