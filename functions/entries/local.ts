/**
 * `npm start`: DynamoDB Local (files in DATA_DIR), the table, the demo data once, and the web app
 * and API on PORT. Local mode is for one trusted machine: DynamoDB Local listens on every interface.
 */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { startDynamoLocal } from '../adapters/dynamo-local.js';
import { buildApp } from '../app.js';
import { demoLogins, ensurePlatformAdmin, loadDemoData } from '../demo/load.js';
import { DEMO_PASSWORD } from '../demo/data.js';
import { localDeps } from './runtime.js';

const Config = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_DATA: z.enum(['0', '1']).default('1'),
});

async function main() {
  const parsed = Config.safeParse(process.env);
  if (!parsed.success) {
    console.error('环境变量有误 / bad environment:', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    process.exit(1);
  }
  const env = parsed.data;
  const started = Date.now();
  const dataDir = path.resolve(env.DATA_DIR);
  const db = await startDynamoLocal({ dataDir: path.join(dataDir, 'dynamodb') });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    const deps = await localDeps({ endpoint: db.endpoint, dataDir });
    if (env.DEMO_DATA === '1') await loadDemoData(deps.doc, deps.tableName);
    else await ensurePlatformAdmin(deps.doc, deps.tableName);

    const api = buildApp(deps);
    const root = new Hono();
    root.route('/', api);
    const dist = path.resolve('web/dist');
    if (existsSync(path.join(dist, 'index.html'))) {
      const indexHtml = readFileSync(path.join(dist, 'index.html'), 'utf8');
      root.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), dist) }));
      root.use('*', serveStatic({ root: path.relative(process.cwd(), dist) }));
      // the single-page app answers every other path
      root.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(indexHtml)));
    }
    serve({ fetch: root.fetch, port: env.PORT, hostname: '0.0.0.0' }, (info) => {
      const url = `http://localhost:${info.port}`;
      console.log(`\n帮扶通 Bangfu is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      console.log(`data: ${dataDir}   demo data: ${env.DEMO_DATA === '1' ? 'loaded' : 'off'}`);
      console.log(`\nDemo logins (password ${DEMO_PASSWORD}):`);
      const logins = env.DEMO_DATA === '1' ? demoLogins() : demoLogins().slice(0, 1);
      for (const l of logins) console.log(`  ${l.email.padEnd(24)} ${l.role.padEnd(15)} ${l.organization ?? l.tenant}`);
      console.log('\nCtrl-C stops the server and the database.');
    });
  } catch (e) {
    console.error(e);
    await db.stop();
    process.exit(1);
  }
}

void main();
