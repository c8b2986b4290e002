/**
 * Cold start (issue 8, figure 5): the bundled api handler imported in a fresh Node process and its
 * first request served (an API Gateway v2 event for GET /api/health against DynamoDB Local), ÷ the
 * same for a bare Hono hello-world bundle built with the same esbuild options, in the same run.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { esbuildOptions, REPO_ROOT } from '../../infra/bundling.js';
import { freePort } from '../../functions/adapters/dynamo-local.js';
import { buildBundles } from '../infra/support/bundles.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const PROBE = `
const t0 = performance.now();
const m = await import(process.argv[2]);
const t1 = performance.now();
const now = Date.now();
const event = { version: '2.0', routeKey: '$default', rawPath: '/api/health', rawQueryString: '', headers: { host: 'bench.local', 'user-agent': 'bench' }, isBase64Encoded: false,
  requestContext: { accountId: '000000000000', apiId: 'bench', domainName: 'bench.local', domainPrefix: 'bench', requestId: 'r1', routeKey: '$default', stage: '$default', time: new Date(now).toISOString(), timeEpoch: now,
    http: { method: 'GET', path: '/api/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' } } };
const ctx = { functionName: 'bench', awsRequestId: 'r1', getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: false };
const r = await m.handler(event, ctx);
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstRequestMs: t2 - t1, status: r.statusCode, body: String(r.body).slice(0, 80) }));
process.exit(0);
`;

type Probe = { importMs: number; firstRequestMs: number; status: number; body: string; processMs: number };

function probe(file: string, probeFile: string, env: NodeJS.ProcessEnv): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [probeFile, pathToFileURL(file).href], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

export async function measureColdStart(dynamoEndpoint: string, runs = 5) {
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
      TABLE_NAME: 'bangfu',
      USER_POOL_ID: 'us-east-1_Bench123',
      USER_POOL_CLIENT_ID: 'benchclient',
      FILES_BUCKET: 'bench-files',
      STRIPE_SECRET_ID: 'bench/stripe',
      NODE_OPTIONS: '',
    };
    const api: Probe[] = [];
    const hello: Probe[] = [];
    for (let i = 0; i < runs; i++) {
      // alternate, so a noisy moment hits both alike
      api.push(await probe(built.bundles.api.file, probeFile, env));
      hello.push(await probe(helloFile, probeFile, env));
    }
    const sum = (p: Probe) => p.importMs + p.firstRequestMs;
    const apiMs = median(api.map(sum));
    const helloMs = median(hello.map(sum));
    const sizes = Object.fromEntries(Object.values(built.bundles).map((b) => [b.name, { bytes: b.bytes, gzipBytes: b.gzipBytes }]));
    return {
      runs,
      bundles: { ...sizes, hello: { bytes: statSync(helloFile).size } },
      api: { importMs: median(api.map((p) => p.importMs)), firstRequestMs: median(api.map((p) => p.firstRequestMs)), importPlusFirstMs: apiMs, processMs: median(api.map((p) => p.processMs)), status: api[0].status, body: api[0].body },
      hello: { importMs: median(hello.map((p) => p.importMs)), firstRequestMs: median(hello.map((p) => p.firstRequestMs)), importPlusFirstMs: helloMs, processMs: median(hello.map((p) => p.processMs)), status: hello[0].status },
      ratio: Math.round((apiMs / helloMs) * 100) / 100,
      processRatio: Math.round((median(api.map((p) => p.processMs)) / median(hello.map((p) => p.processMs))) * 100) / 100,
    };
  } finally {
    ext.close();
    built.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
