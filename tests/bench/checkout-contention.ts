/**
 * Checkout contention: N buyers at once over HTTP against the real server (functions/entries/
 * local.ts, what `npm start` runs, a child process with DynamoDB Local under it; tests/bench/
 * server.ts), racing for a listing with fewer units than buyers. Reports the orders made, the 409
 * out_of_stock answers, the TransactionConflicts the store retried (counted in the server by the
 * preload tests/bench/db-trace.ts), orders per second and the checkout latency.
 * `tsx tests/bench/checkout-contention.ts` starts a server and prints it; tests/bench/run.ts calls
 * measureCheckoutContention() with its own.
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DEMO_PASSWORD } from '../../functions/demo/data.js';
import { PLATFORM_ADMIN_EMAIL } from '../../functions/demo/load.js';
import { signInEnrolling } from '../support/mfa.js';
import { benchDataDir, startServer, type RunningServer } from './server.js';

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

/** `buyers` checkouts of `unitsEach` unit(s) at once against a new listing of `stock` units, in a new tenant of `server`. */
export async function measureCheckoutContention(
  server: RunningServer,
  opts: { buyers?: number; stock?: number; unitsEach?: number; platform?: string } = {},
): Promise<ContentionFigures> {
  const buyers = opts.buyers ?? 200;
  const stock = opts.stock ?? 50;
  const unitsEach = opts.unitsEach ?? 1;
  const call = async (method: string, url: string, body?: unknown, token?: string) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const login = async (email: string, password: string) => (await call('POST', '/api/auth/login', { email, password })).body.token as string;

  // one tenant, its bureau, a village and the contended listing
  // the platform admin must use two-step verification (issue 15): its first sign-in enrols it
  // (a server whose platform admin is enrolled already — figures.ts startWorld — hands its token in)
  const platform = opts.platform ?? (await signInEnrolling((m, p, token, body) => call(m, p, body, token || undefined), PLATFORM_ADMIN_EMAIL, DEMO_PASSWORD));
  const slug = `bench${Date.now().toString(36)}`;
  const tenant = (await call('POST', '/api/admin/tenants', { slug, name: '压测县民政局', region: '压测县', mfaRequiredForBureauAdmins: false }, platform)).body;
  await call('POST', '/api/users', { email: `admin@${slug}.bench`, password: 'bench-pass-1', role: 'bureau_admin', tenantId: tenant.id }, platform);
  const bureau = await login(`admin@${slug}.bench`, 'bench-pass-1');
  const village = (
    await call(
      'POST',
      '/api/villages',
      { name: '压测村', township: '压测镇', county: '压测县', households: 100, population: 400, poorHouseholds: 20, status: 'unlifted', supervised: true },
      bureau,
    )
  ).body;
  const listing = (
    await call(
      'POST',
      '/api/produce',
      { villageId: village.id, name: '压测土豆', category: 'vegetable', unit: '箱', priceFen: 3000, stock, kind: 'product', status: 'published' },
      bureau,
    )
  ).body;

  const retriedBefore = (await server.trace.stats()).conflictsRetried;
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
    conflictsRetried: (await server.trace.stats()).conflictsRetried - retriedBefore,
    ordersPerSecond: Math.round((orders / wallMs) * 1000 * 10) / 10,
    checkoutsPerSecond: Math.round((buyers / wallMs) * 1000 * 10) / 10,
    p50ms: Math.round(pct(latencies, 50)),
    p99ms: Math.round(pct(latencies, 99)),
    wallMs: Math.round(wallMs),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = [
    { buyers: 50, stock: 5 },
    { buyers: 200, stock: 50 },
  ];
  const dataDir = benchDataDir('contention');
  const server = await startServer({ DATA_DIR: dataDir, DEMO_DATA: '0' });
  try {
    for (const r of runs) {
      const f = await measureCheckoutContention(server, r);
      console.log(JSON.stringify({ bench: 'checkout-contention', ...f }));
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}
