/**
 * `npm run bench`: prints the figures the issues ask for and writes them to bench/results/.
 * Not a test: nothing here asserts a time. Load goes to loopback only, bounded in time.
 */
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureApiBundle } from './bundle-size.js';
import { measureCheckoutContention } from './checkout-contention.js';
import { startServer } from './server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-pass-2026' }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function load(url: string, token: string, seconds = 5, connections = 10) {
  const r = await autocannon({ url, connections, duration: seconds, headers: { authorization: `Bearer ${token}` } });
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p97_5ms: r.latency.p97_5,
    p99ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

async function main() {
  const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bangfu-bench-'));

  const first = await startServer({ DATA_DIR: dataDir });
  results.startFirstMs = first.readyMs; // empty DATA_DIR: DynamoDB Local, table, demo data
  await first.stop();
  const second = await startServer({ DATA_DIR: dataDir });
  results.startAgainMs = second.readyMs; // same DATA_DIR: data found, nothing loaded
  const token = await login(second.url, 'admin@qingshui.demo');
  results.getVillages = await load(`${second.url}/api/villages`, token);
  results.getDashboard = await load(`${second.url}/api/dashboard`, token);
  results.getPairings = await load(`${second.url}/api/pairings?limit=50`, token);
  await second.stop();

  // issue 4: checkouts racing for the last units (one process, the real app over DynamoDB Local)
  results.checkout50on5 = await measureCheckoutContention({ buyers: 50, stock: 5 });
  results.checkout200on50 = await measureCheckoutContention({ buyers: 200, stock: 50 });

  const bundle = await measureApiBundle();
  results.apiBundle = { bytes: bundle.bytes, gzipBytes: bundle.gzipBytes, buildMs: Math.round(bundle.ms) };

  console.log(JSON.stringify(results, null, 2));
  mkdirSync('bench/results', { recursive: true });
  const file = path.join('bench/results', `${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`written to ${file}`);
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
