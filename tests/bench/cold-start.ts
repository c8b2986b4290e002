/**
 * Cold start (issue 8, figure 5): the bundled api handler imported in a fresh Node process and its
 * first request served (an API Gateway v2 event against DynamoDB Local), ÷ the same for a bare Hono
 * hello-world bundle built with the same esbuild options, in the same run, with the NODE_OPTIONS
 * the functions get on AWS. Two first requests, each in processes of its own: GET /api/health (one
 * GetItem) and the public listing page GET /api/public/qingshui/produce (the demo tenant's, loaded
 * here if the table lacks it: a tenant lookup, a query and a batch read, zod validation, views).
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { esbuildOptions, LAMBDA_NODE_OPTIONS, REPO_ROOT } from '../../infra/bundling.js';
import { documentClient, dynamoClient, freePort } from '../../functions/adapters/dynamo-local.js';
import { loadDemoData } from '../../functions/demo/load.js';
import { ensureTable } from '../../functions/store/table.js';
import { buildBundles } from '../infra/support/bundles.js';

/** The first requests the api bundle is measured with (the hello-world serves the first only). */
export const COLD_PATHS = { health: '/api/health', listing: '/api/public/qingshui/produce' } as const;
const TABLE = 'bangfu';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const PROBE = `
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = await import(process.argv[2]);
const t1 = performance.now();
const rawPath = process.argv[3];
const now = Date.now();
const event = { version: '2.0', routeKey: '$default', rawPath, rawQueryString: '', headers: { host: 'bench.local', 'user-agent': 'bench' }, isBase64Encoded: false,
  requestContext: { accountId: '000000000000', apiId: 'bench', domainName: 'bench.local', domainPrefix: 'bench', requestId: 'r1', routeKey: '$default', stage: '$default', time: new Date(now).toISOString(), timeEpoch: now,
    http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' } } };
const ctx = { functionName: 'bench', awsRequestId: 'r1', getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: false };
const r = await m.handler(event, ctx);
const t2 = performance.now();
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ importMs: t1 - t0, firstRequestMs: t2 - t1, cpuMs: (c.user + c.system) / 1000, status: r.statusCode, body: String(r.body).slice(0, 80) }));
process.exit(0);
`;

/** cpuMs: the probe's CPU time (user + system) over import and first request: what the wait for a core on a busy machine does not inflate */
type Probe = { importMs: number; firstRequestMs: number; cpuMs: number; status: number; body: string; processMs: number };

function probe(file: string, rawPath: string, probeFile: string, env: NodeJS.ProcessEnv): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [probeFile, pathToFileURL(file).href, rawPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', () => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ ...(JSON.parse(line) as Omit<Probe, 'processMs'>), processMs: performance.now() - t0 });
      } catch {
        reject(new Error(`cold-start probe failed: ${out}\n${err}`));
      }
    });
  });
}

/** Median figures of one bundle and first request over the runs. */
function summary(ps: Probe[]) {
  const sum = (p: Probe) => p.importMs + p.firstRequestMs;
  return {
    importMs: median(ps.map((p) => p.importMs)),
    firstRequestMs: median(ps.map((p) => p.firstRequestMs)),
    importPlusFirstMs: median(ps.map(sum)),
    cpuMs: median(ps.map((p) => p.cpuMs)),
    processMs: median(ps.map((p) => p.processMs)),
    status: ps[0].status,
    // every run must have answered alike: a failing first request is no cold start
    statuses: [...new Set(ps.map((p) => p.status))],
    body: ps[0].body,
  };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export async function measureColdStart(dynamoEndpoint: string, runs = 5) {
  // the listing probe needs the demo tenant: `npm run bench` has loaded it already (a marker makes this a no-op)
  const client = dynamoClient(dynamoEndpoint);
  await ensureTable(client, TABLE);
  await loadDemoData(documentClient(client), TABLE);
  const built = await buildBundles();
  const dir = path.join(REPO_ROOT, '.test-data', `hello-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  // the Parameters and Secrets extension's stand-in: answers the Stripe secret the api handler reads at cold start
  const extPort = await freePort();
  const ext = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ SecretString: JSON.stringify({ secretKey: 'sk_test_bench', webhookSecret: 'whsec_bench' }) }));
  });
  await new Promise<void>((r) => ext.listen(extPort, '127.0.0.1', r));
  try {
    const src = path.join(dir, 'hello.ts');
    writeFileSync(
      src,
      "import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nconst app = new Hono();\napp.get('/api/health', (c) => c.json({ ok: true }));\nexport const handler = handle(app);\n",
    );
    const helloFile = path.join(dir, 'hello', 'index.mjs');
    await build({ entryPoints: [src], outfile: helloFile, ...esbuildOptions(), logLevel: 'silent' });
    // the floor of any function that reads DynamoDB: the hello-world whose one route makes one GetItem
    // with the document client, bundled the same way (the SDK bundled, as in the api)
    const srcDb = path.join(dir, 'hello-dynamo.ts');
    writeFileSync(
      srcDb,
      [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
        "import { Hono } from 'hono';",
        "import { handle } from 'hono/aws-lambda';",
        'const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
        'const app = new Hono();',
        "app.get('/api/health', async (c) => { await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: 'HEALTH', sk: 'HEALTH' } })); return c.json({ ok: true }); });",
        'export const handler = handle(app);',
        '',
      ].join('\n'),
    );
    const helloDbFile = path.join(dir, 'hello-dynamo', 'index.mjs');
    await build({ entryPoints: [srcDb], outfile: helloDbFile, ...esbuildOptions(), logLevel: 'silent' });
    const probeFile = path.join(dir, 'probe.mjs');
    writeFileSync(probeFile, PROBE);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extPort),
      TABLE_NAME: TABLE,
      USER_POOL_ID: 'us-east-1_Bench123',
      USER_POOL_CLIENT_ID: 'benchclient',
      FILES_BUCKET: 'bench-files',
      STRIPE_SECRET_ID: 'bench/stripe',
      // as on AWS (infra/constructs/app-function.ts), for both bundles
      NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
    };
    const api: Probe[] = [];
    const listing: Probe[] = [];
    const hello: Probe[] = [];
    const helloDb: Probe[] = [];
    for (let i = 0; i < runs; i++) {
      // interleaved, so a noisy moment hits all three alike
      api.push(await probe(built.bundles.api.file, COLD_PATHS.health, probeFile, env));
      listing.push(await probe(built.bundles.api.file, COLD_PATHS.listing, probeFile, env));
      hello.push(await probe(helloFile, COLD_PATHS.health, probeFile, env));
      helloDb.push(await probe(helloDbFile, COLD_PATHS.health, probeFile, env));
    }
    const sizes = Object.fromEntries(Object.values(built.bundles).map((b) => [b.name, { bytes: b.bytes, gzipBytes: b.gzipBytes }]));
    const a = summary(api);
    const l = summary(listing);
    const h = summary(hello);
    const hd = summary(helloDb);
    return {
      runs,
      nodeOptions: LAMBDA_NODE_OPTIONS,
      paths: COLD_PATHS,
      bundles: { ...sizes, hello: { bytes: statSync(helloFile).size }, helloDynamo: { bytes: statSync(helloDbFile).size } },
      /** the api bundle, first request GET /api/health */
      api: a,
      /** the api bundle, first request the public listing page */
      listing: l,
      hello: h,
      ratio: ratio(a.importPlusFirstMs, h.importPlusFirstMs),
      processRatio: ratio(a.processMs, h.processMs),
      listingRatio: ratio(l.importPlusFirstMs, h.importPlusFirstMs),
      listingProcessRatio: ratio(l.processMs, h.processMs),
      /** the same ÷ in CPU time: steadier than wall time when other work shares the cores */
      cpuRatio: ratio(a.cpuMs, h.cpuMs),
      listingCpuRatio: ratio(l.cpuMs, h.cpuMs),
      /** the hello-world that makes one GetItem: what the AWS SDK alone adds to a cold start */
      helloDynamo: hd,
      helloDynamoRatio: ratio(hd.importPlusFirstMs, h.importPlusFirstMs),
      helloDynamoCpuRatio: ratio(hd.cpuMs, h.cpuMs),
      /** the api ÷ that floor: what the app itself adds beyond the SDK */
      apiOverDynamoFloorCpuRatio: ratio(a.cpuMs, hd.cpuMs),
    };
  } finally {
    ext.close();
    built.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
