/**
 * `npm run bench`: issue 8's six figures, measured side by side in one run, printed as a table and
 * written to bench/results/latest.json (and a dated copy). Not a test: nothing here asserts a time.
 * Load goes to 127.0.0.1 only, every loop bounded in count and time.
 *
 * Figures 1, 2, 3, 4 and 6 run against the real server: functions/entries/local.ts (what `npm start`
 * runs) as a child process on its own PORT and DATA_DIR, DynamoDB Local under it, demo data,
 * RATE_LIMITS=relaxed, and tests/bench/db-trace.ts preloaded to record/meter its DynamoDB calls and
 * probe its heap over IPC (tests/bench/server.ts). One server for 1, 3, 4 and 6; a fresh one for 2.
 *
 *  1. API overhead vs the database   (figures.ts measureOverhead)
 *  2. throughput + server RSS         (autocannon, then the soak to BENCH_SOAK_REQUESTS; below)
 *  3. contention + flash sale         (checkout-contention.ts, figures.ts measureFlashSale)
 *  4. scale of reads + ledger export  (figures.ts measureScale), and a 10,000-order month's settlement (issue 13)
 *  5. cold start + bundle sizes       (cold-start.ts)
 *  6. cost on paper                   (figures.ts measureUnits + costOnPaper)
 *  7. the notification outbox         (outbox.ts: delivery delay at 5/s, drain rate of a 1,000 burst; issue 14)
 * 10. an assessment's reads           (assessment.ts: GET /api/assessments over 20 and 200 organizations; issue 18)
 *
 * Knobs: BENCH_ONLY=1,2,… (figures to run), BENCH_LOAD_SECONDS (each autocannon run of figure 2,
 * default 10), BENCH_SOAK_REQUESTS (figure 2's requests in all after the warm-up, default 100,000),
 * BENCH_SOAK_SECONDS (the soak's time cap, default 720), BENCH_DATA_DIR (where the servers' DATA_DIRs
 * go, default the OS temp dir; /dev/shm spares DynamoDB Local a slow disk).
 */
import autocannon from 'autocannon';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDynamoLocal } from '../../functions/adapters/dynamo-local.js';
import { DEMO_PASSWORD } from '../../functions/demo/data.js';
import { measureCheckoutContention } from './checkout-contention.js';
import { measureColdStart } from './cold-start.js';
import { costOnPaper, measureFlashSale, measureOverhead, measureScale, measureUnits, startWorld } from './figures.js';
import { benchDataDir, startServer, type RunningServer } from './server.js';
import { measureOutbox } from './outbox.js';
import { measureAssessment } from './assessment.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ONLY = new Set((process.env.BENCH_ONLY ?? '1,2,3,4,5,6,7').split(',').map((s) => s.trim()));
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
/** figure 2: the listing page soak runs until this many requests in all after the warm-up (the RSS growth figure), at most SOAK_SECONDS */
const SOAK_REQUESTS = Number(process.env.BENCH_SOAK_REQUESTS ?? 100_000);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 720);

async function cannon(opts: autocannon.Options) {
  const r = await autocannon({ connections: 50, duration: LOAD_SECONDS, ...opts });
  return {
    requests: r.requests.total,
    seconds: r.duration,
    rps: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

async function throughput() {
  const dataDir = benchDataDir('bench');
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    return await soak(server);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function outbox() {
  const dataDir = benchDataDir('outbox');
  const server = await startServer({ DATA_DIR: dataDir, OUTBOX_POLL_MS: '1000' });
  try {
    return await measureOutbox(server, dataDir);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function soak(server: RunningServer) {
  const listingUrl = `${server.url}/api/public/qingshui/produce`;
  const emails = ['admin@qingshui.demo', 'admin@anhua.demo', 'org1@qingshui.demo', 'org2@qingshui.demo', 'org1@anhua.demo'];
  let n = 0;
  const signInOpts = {
    url: `${server.url}/api/auth/login`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ email: emails[n++ % emails.length], password: DEMO_PASSWORD }) }) }],
  };
  const rssCold = server.rssMB(); // ready, demo data loaded, nothing served yet
  // warm-up of both routes: the listing page, and a few hundred sign-ins (scrypt's 16 MB per hash on
  // the libuv pool is a one-off that glibc keeps: a baseline without it would count it as growth)
  const warmUp = {
    listingPage: await cannon({ url: listingUrl, duration: 3, connections: 10 }),
    signIn: await cannon({ ...signInOpts, duration: 30, amount: 300, connections: 10 }),
  };
  const heapStart = await server.trace.heap(); // after a forced full GC in the server
  const rssWarm = server.rssMB();
  const listing = await cannon({ url: listingUrl });
  const rssAfterListing = server.rssMB();
  const signIn = await cannon(signInOpts);
  const rssAfterSignIn = server.rssMB();
  // the soak: the listing page until SOAK_REQUESTS in all (or SOAK_SECONDS), then RSS again
  const remaining = Math.max(0, SOAK_REQUESTS - listing.requests - signIn.requests);
  const soaked = remaining ? await cannon({ url: listingUrl, duration: SOAK_SECONDS, maxOverallRequests: remaining }) : null;
  await new Promise((r) => setTimeout(r, 1000));
  const rssEndBeforeGc = server.rssMB();
  const heapEnd = await server.trace.heap(); // forces a full GC in the server first
  const rssEnd = server.rssMB();
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    server:
      'functions/entries/local.ts (npm start) as a child: DynamoDB Local under it, demo data, RATE_LIMITS=relaxed, tests/bench/db-trace.ts preloaded (heap probe)',
    warmUp,
    listingPage: listing,
    signIn,
    soak: soaked,
    /** after the warm-up */
    totalRequests: listing.requests + signIn.requests + (soaked?.requests ?? 0),
    rssMB: {
      cold: rssCold,
      warm: rssWarm,
      afterListing: rssAfterListing,
      afterSignIn: rssAfterSignIn,
      endBeforeGc: rssEndBeforeGc,
      end: rssEnd,
      growthFromCold: r1(rssEnd - rssCold),
      growthFromWarm: r1(rssEnd - rssWarm),
    },
    // live memory: the server's heap right after a forced full GC, after the warm-up and at the end
    heapAfterGcMB: { start: heapStart, end: heapEnd, heapUsedGrowth: r1(heapEnd.heapUsedMB - heapStart.heapUsedMB) },
  };
}

const pad = (s: unknown, n: number) => String(s).padEnd(n);

function table(r: any): string {
  const L: string[] = [];
  const row = (...cells: [unknown, number][]) => L.push(cells.map(([c, n]) => pad(c, n)).join(' '));
  if (r.overhead && !r.overhead.error) {
    L.push('1. API overhead vs the database (HTTP p50/p99 ÷ p50 of the same DynamoDB calls issued directly from the bench process)');
    row(['route', 14], ['http p50', 9], ['http p99', 9], ['db p50', 8], ['p50×', 6], ['p99×', 6], ['calls', 6], ['bad', 4]);
    for (const [k, v] of Object.entries<any>(r.overhead))
      row(
        [k, 14],
        [`${v.httpP50ms}ms`, 9],
        [`${v.httpP99ms}ms`, 9],
        [`${v.dbP50ms}ms`, 8],
        [v.p50Ratio, 6],
        [v.p99Ratio, 6],
        [v.dbCalls, 6],
        [v.unexpectedStatus + v.replayFailed, 4],
      );
  }
  if (r.throughput && !r.throughput.error) {
    const t = r.throughput;
    L.push(`2. Throughput (autocannon, 50 connections, ${LOAD_SECONDS} s)`);
    for (const k of ['listingPage', 'signIn'])
      L.push(
        `   ${pad(k, 12)} ${t[k].rps} req/s  p50 ${t[k].p50ms} ms  p99 ${t[k].p99ms} ms  requests ${t[k].requests}  non-2xx ${t[k].non2xx}  errors ${t[k].errors}`,
      );
    if (t.soak) L.push(`   soak         listing page ${t.soak.requests} more requests, ${t.soak.rps} req/s, non-2xx ${t.soak.non2xx}, errors ${t.soak.errors}`);
    L.push(
      `   server RSS   cold ${t.rssMB.cold} MB, warm ${t.rssMB.warm} MB (after ${t.warmUp.listingPage.requests} listing + ${t.warmUp.signIn.requests} sign-in requests) → ${t.rssMB.end} MB after ${t.totalRequests} more and a forced GC (${t.rssMB.endBeforeGc} MB before it; after sign-in ${t.rssMB.afterSignIn} MB)`,
    );
    L.push(`   RSS growth   ${t.rssMB.growthFromWarm} MB from the warm baseline, ${t.rssMB.growthFromCold} MB from the cold start`);
    if (t.heapAfterGcMB) {
      const [a, b] = [t.heapAfterGcMB.start, t.heapAfterGcMB.end];
      L.push(
        `   server heap  heapUsed after forced GC (warm → end) ${a.heapUsedMB} MB → ${b.heapUsedMB} MB (growth ${t.heapAfterGcMB.heapUsedGrowth} MB), external ${a.externalMB} → ${b.externalMB} MB, heapTotal ${a.heapTotalMB} → ${b.heapTotalMB} MB`,
      );
    }
  }
  if (r.outbox && !r.outbox.error) {
    const { delay: d, throughput: t } = r.outbox;
    L.push(`7. Notification outbox (worker every ${r.outbox.pollMs} ms locally; one email per public concern)`);
    L.push(
      `   delay        ${d.notifications} at ${d.perSecond}/s: write → email received p50 ${d.p50ms} ms, p95 ${d.p95ms} ms, max ${d.maxMs} ms (${d.delivered} delivered)`,
    );
    L.push(
      `   throughput   a burst of ${t.notifications} (${t.writesPerSecond} writes/s): drained at ${t.deliveredPerSecond} emails/s, last email ${t.lastWriteToLastEmailMs} ms after the last write (${t.delivered} delivered)`,
    );
  }
  if (r.contention && !r.contention.error) {
    const c = r.contention;
    L.push('3. Contention (HTTP against the server)');
    L.push(
      `   ${c.buyers} buyers × 1 unit on stock ${c.stock}: orders ${c.orders}, 409 ${c.outOfStock}, other ${c.other}, conflicts retried ${c.conflictsRetried}, ${c.checkoutsPerSecond} checkouts/s, p50 ${c.p50ms} ms p99 ${c.p99ms} ms`,
    );
  }
  if (r.flashSale && !r.flashSale.error) {
    const f = r.flashSale;
    L.push(
      `   flash sale ${f.listings}×${f.stockEach}, ${f.buyers} buyers: orders ${f.orders}/${f.expectedOrders}, 409 ${f.outOfStock}, 5xx ${f.fiveXX}, oversold listings ${f.listingsOversold}, mismatched ${f.listingsWhereOrdersDifferFromSoldPlusHeld}, conflicts retried ${f.conflictsRetried}, ${f.checkoutsPerSecond} checkouts/s`,
    );
  }
  if (r.scale && !r.scale.error) {
    const s = r.scale;
    L.push('4. Scale of reads (one dashboard request, 1,000 villages)');
    L.push(
      `   100 orders: ${s.dashboardAt100Orders.itemsRead} items, ${s.dashboardAt100Orders.rru} RRU   10,000 orders: ${s.dashboardAt10000Orders.itemsRead} items, ${s.dashboardAt10000Orders.rru} RRU   ratio ${s.itemsReadRatio} (items), ${s.rruRatio} (RRU)`,
    );
    const e = s.ledgerExport;
    L.push(
      `   ledger export ${e.month} (10,000 orders + 1,000 villages): ${e.ms} ms, ${Math.round(e.bytes / 1024)} KB, status ${e.status}, server RSS ${e.rssBeforeMB} → peak ${e.peakRssMB} MB (+${e.growthMB}; ${e.peakFrom ?? 'sampled'}; heap before: ${e.heapUsedBeforeMB ?? '?'} MB used of ${e.heapTotalBeforeMB ?? '?'} MB)`,
    );
    L.push(
      `   ledger rows by sheet: ${Object.entries(e.rowsBySheet ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    const st = s.settlement;
    if (st) {
      L.push(
        `   settlement ${st.month} (GET /api/settlements): 100 orders ${st.at100Orders.ms} ms, ${st.at100Orders.itemsRead} items, ${st.at100Orders.rru} RRU   10,000 orders ${st.at10000Orders.ms} ms, ${st.at10000Orders.itemsRead} items, ${st.at10000Orders.rru} RRU (orders counted ${st.at10000Orders.orders})   ratio ${st.itemsReadRatio} (items)`,
      );
      L.push(`   settlement statement xlsx: ${st.statementXlsx.ms} ms, ${Math.round(st.statementXlsx.bytes / 1024)} KB, status ${st.statementXlsx.status}`);
    }
  }
  if (r.assessment && !r.assessment.error) {
    const a = r.assessment;
    L.push(`10. An assessment's reads (GET /api/assessments?period=${a.period}, a seven-criterion scheme; BENCH_ONLY=10)`);
    for (const run of a.runs)
      L.push(`   ${run.organizations} organizations: ${run.itemsRead} items read in ${run.calls} DynamoDB calls (${run.rru} RRU), ${run.ms} ms`);
  }
  if (r.coldStart && !r.coldStart.error) {
    const c = r.coldStart;
    L.push(`5. Cold start (median of ${c.runs} fresh processes each; import + first request; NODE_OPTIONS ${c.nodeOptions || '(none)'})`);
    L.push(
      `   bundles: ${Object.entries<any>(c.bundles)
        .map(([k, v]) => `${k} ${Math.round(v.bytes / 1024)} KB`)
        .join(', ')}`,
    );
    L.push(
      `   api, GET ${c.paths?.health ?? '/api/health'}: ${Math.round(c.api.importPlusFirstMs)} ms (import ${Math.round(c.api.importMs)}, first request ${Math.round(c.api.firstRequestMs)}, status ${c.api.status}) ÷ hello ${Math.round(c.hello.importPlusFirstMs)} ms = ${c.ratio}  (whole process: ${c.processRatio}; CPU time: ${c.cpuRatio})`,
    );
    if (c.listing)
      L.push(
        `   api, GET ${c.paths.listing}: ${Math.round(c.listing.importPlusFirstMs)} ms (import ${Math.round(c.listing.importMs)}, first request ${Math.round(c.listing.firstRequestMs)}, status ${c.listing.status}) ÷ hello = ${c.listingRatio}  (whole process: ${c.listingProcessRatio}; CPU time: ${c.listingCpuRatio})`,
      );
    if (c.helloDynamo)
      L.push(
        `   floor: hello-world + one DynamoDB GetItem ${Math.round(c.helloDynamo.importPlusFirstMs)} ms ÷ hello = ${c.helloDynamoRatio} (CPU time: ${c.helloDynamoCpuRatio}); api ÷ that floor in CPU time: ${c.apiOverDynamoFloorCpuRatio}`,
      );
  }
  if (r.cost && !r.cost.error) {
    const c = r.cost;
    L.push(`6. Cost on paper (${c.prices.region})`);
    L.push(
      `   per op (RRU/WRU/ms): ${Object.entries<any>(r.units)
        .map(([k, v]) => `${k} ${v.rru}/${v.wru}/${v.ms}`)
        .join(', ')}`,
    );
    L.push(
      `   county / month: $${c.county.totalUSD} (DynamoDB ${c.county.dynamo}, Lambda ${c.county.lambda}, HTTP API ${c.county.httpApi}, CloudFront ${c.county.cloudFront}, Cognito ${c.county.cognito}); ${c.county.requests} requests`,
    );
    L.push(
      `   province of ${c.assumptions.tenantsInProvince} / month: $${c.province.totalUSD} (DynamoDB ${c.province.dynamo}, Lambda ${c.province.lambda}, HTTP API ${c.province.httpApi}, CloudFront ${c.province.cloudFront}, Cognito ${c.province.cognito})`,
    );
    L.push(`   assumptions: ${JSON.stringify(c.assumptions)}`);
    L.push(`   prices: ${JSON.stringify(c.prices)}`);
  }
  return L.join('\n');
}

async function main() {
  const started = Date.now();
  const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, machine: '2 cores (this workplace)' };
  const step = async (key: string, fig: string, fn: () => Promise<unknown>) => {
    if (!ONLY.has(fig)) return;
    const t0 = Date.now();
    try {
      results[key] = await fn();
    } catch (e) {
      results[key] = { error: String((e as Error).stack ?? e) };
      console.error(`${key} failed:`, e);
    }
    console.error(`[bench] ${key} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  if (['1', '3', '4', '6', '10'].some((f) => ONLY.has(f))) {
    const world = await startWorld();
    console.error(`[bench] server ready in ${(world.server.readyMs / 1000).toFixed(1)} s (${world.server.url})`);
    try {
      await step('overhead', '1', () => measureOverhead(world));
      await step('units', '6', () => measureUnits(world));
      if (results.units && !(results.units as any).error) results.cost = costOnPaper(results.units as never);
      await step('contention', '3', () => measureCheckoutContention(world.server, { buyers: 200, stock: 10, platform: world.platform }));
      await step('flashSale', '3', () => measureFlashSale(world));
      await step('scale', '4', () => measureScale(world));
      await step('assessment', '10', () => measureAssessment(world));
    } finally {
      await world.stop();
    }
  }
  if (ONLY.has('5')) {
    const db = await startDynamoLocal();
    try {
      await step('coldStart', '5', () => measureColdStart(db.endpoint));
    } finally {
      await db.stop();
    }
  }
  await step('outbox', '7', outbox);
  await step('hostileImport', '8', () => import('./hostile-import.js').then((m) => m.hostileImportFigure())); // issue 15, hole 2 (BENCH_ONLY=8)
  await step('publicPages', '9', () => import('./public-pages.js').then((m) => m.publicPagesFigure())); // issue 16, the public pages on a phone (BENCH_ONLY=9)
  await step('throughput', '2', throughput);
  results.wallSeconds = Math.round((Date.now() - started) / 1000);

  mkdirSync('bench/results', { recursive: true });
  const text = JSON.stringify(results, null, 2) + '\n';
  writeFileSync('bench/results/latest.json', text);
  writeFileSync(path.join('bench/results', `${new Date().toISOString().slice(0, 10)}.json`), text);
  console.log(table(results));
  for (const [k, v] of Object.entries(results))
    if (v && typeof v === 'object' && 'error' in v) console.log(`${k}: FAILED — ${String((v as any).error).split('\n')[0]}`);
  console.log(`\nall figures: bench/results/latest.json (whole run ${results.wallSeconds} s)`);
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
