/**
 * Checkout contention: N buyers at once against the real app (in-process HTTP dispatch, the same
 * Hono app as `npm start`) over DynamoDB Local, racing for a listing with fewer units than buyers.
 * Reports the orders made, the 409 out_of_stock answers, the TransactionConflicts the store
 * retried, orders per second and the checkout latency. `tsx tests/bench/checkout-contention.ts`
 * prints it; tests/bench/run.ts may call measureCheckoutContention().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDynamoLocal } from '../../functions/adapters/dynamo-local.js';
import { buildApp } from '../../functions/app.js';
import { DEMO_PASSWORD } from '../../functions/demo/data.js';
import { ensurePlatformAdmin, PLATFORM_ADMIN_EMAIL } from '../../functions/demo/load.js';
import { localDeps } from '../../functions/entries/runtime.js';
import type { RateLimits } from '../../functions/http/context.js';
import { transactionStats } from '../../functions/store/tenant-store.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type ContentionFigures = {
  buyers: number;
  stock: number;
  orders: number;
  outOfStock: number;
  /** answers that were neither (must be 0: no 5xx, no other 409) */
  other: number;
  conflictsRetried: number;
  ordersPerSecond: number;
  checkoutsPerSecond: number;
  p50ms: number;
  p99ms: number;
  wallMs: number;
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * `buyers` checkouts of `unitsEach` unit(s) at once against a listing of `stock` units.
 * With `endpoint`, uses that DynamoDB Local; otherwise starts (and stops) one in memory.
 */
export async function measureCheckoutContention(opts: { buyers?: number; stock?: number; unitsEach?: number; endpoint?: string; rateLimits?: Partial<RateLimits> } = {}): Promise<ContentionFigures> {
  const buyers = opts.buyers ?? 200;
  const stock = opts.stock ?? 50;
  const unitsEach = opts.unitsEach ?? 1;
  const db = opts.endpoint ? null : await startDynamoLocal();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bangfu-contention-'));
  try {
    const deps = await localDeps({ endpoint: opts.endpoint ?? db!.endpoint, dataDir, tableName: `contention_${Date.now().toString(36)}`, rateLimits: opts.rateLimits });
    await ensurePlatformAdmin(deps.doc, deps.tableName, DEMO_PASSWORD, deps.directory);
    const app = buildApp(deps);
    const call = async (method: string, url: string, body?: unknown, token?: string) => {
      const res = await app.request(url, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const login = async (email: string, password: string) => (await call('POST', '/api/auth/login', { email, password })).body.token as string;

    // one tenant, its bureau, a village and the contended listing
    const platform = await login(PLATFORM_ADMIN_EMAIL, DEMO_PASSWORD);
    const slug = `bench${Date.now().toString(36)}`;
    const tenant = (await call('POST', '/api/admin/tenants', { slug, name: '压测县民政局', region: '压测县' }, platform)).body;
    await call('POST', '/api/users', { email: `admin@${slug}.bench`, password: 'bench-pass-1', role: 'bureau_admin', tenantId: tenant.id }, platform);
    const bureau = await login(`admin@${slug}.bench`, 'bench-pass-1');
    const village = (
      await call('POST', '/api/villages', { name: '压测村', township: '压测镇', county: '压测县', households: 100, population: 400, poorHouseholds: 20, status: 'unlifted', supervised: true }, bureau)
    ).body;
    const listing = (
      await call('POST', '/api/produce', { villageId: village.id, name: '压测土豆', category: 'vegetable', unit: '箱', priceFen: 3000, stock, kind: 'product', status: 'published' }, bureau)
    ).body;

    const retriedBefore = transactionStats.conflictsRetried;
    const latencies: number[] = [];
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: buyers }, async (_, i) => {
        const t0 = performance.now();
        const res = await call('POST', `/api/public/${slug}/checkout`, {
          items: [{ produceId: listing.id, quantity: unitsEach }],
          buyer: { name: `买家${i}`, phone: '13800000000' },
        });
        latencies.push(performance.now() - t0);
        return res;
      }),
    );
    const wallMs = performance.now() - started;
    const orders = answers.filter((a) => a.status === 201).length;
    const outOfStock = answers.filter((a) => a.status === 409 && a.body?.error?.code === 'out_of_stock').length;
    latencies.sort((a, b) => a - b);
    return {
      buyers,
      stock,
      orders,
      outOfStock,
      other: buyers - orders - outOfStock,
      conflictsRetried: transactionStats.conflictsRetried - retriedBefore,
      ordersPerSecond: Math.round((orders / wallMs) * 1000 * 10) / 10,
      checkoutsPerSecond: Math.round((buyers / wallMs) * 1000 * 10) / 10,
      p50ms: Math.round(pct(latencies, 50)),
      p99ms: Math.round(pct(latencies, 99)),
      wallMs: Math.round(wallMs),
    };
  } finally {
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = [
    { buyers: 50, stock: 5 },
    { buyers: 200, stock: 50 },
  ];
  for (const r of runs) {
    const f = await measureCheckoutContention(r);
    console.log(JSON.stringify({ bench: 'checkout-contention', ...f }));
  }
  process.exit(0);
}
