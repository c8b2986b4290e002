import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Hono } from 'hono';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalPayments } from '../../functions/adapters/payments/local.js';
import { buildWebhookApp } from '../../functions/app.js';
import { buildApp } from '../../functions/app-full.js';
import type { AppDeps } from '../../functions/http/context.js';
import { devMailRoutes } from '../../functions/http/dev-mail.js';
import { shareRoutes } from '../../functions/http/share-meta.js';
import { webStaticRoutes } from '../../functions/http/web-static.js';

// docs/API.md lists every route the server serves. This test keeps it so, in both directions: a
// route of /api/openapi.json or of the apps (local and AWS) missing from the page fails, and so
// does a route the page names that nothing serves. Method and path only: the page's other columns
// are prose. The apps are built in-process over a document client that is never called (building
// the app and answering /api/openapi.json read no table).

const ROOT = path.resolve(__dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** `{id}` (OpenAPI) and `:id` (Hono) are one thing; a bare `*` route is `/*`. */
export const normalize = (method: string, p: string) => `${method.toUpperCase()} ${(p === '*' ? '/*' : p).replace(/\{(\w+)\}/g, ':$1')}`;

/** Rows of the page's tables whose first cell is an HTTP method and whose second is a path in backticks. */
export function documentedRoutes(md: string): string[] {
  const out: string[] = [];
  for (const line of md.split('\n')) {
    const m = /^\|\s*([A-Z]+)\s*\|\s*`([^`]+)`\s*\|/.exec(line);
    if (m && METHODS.includes(m[1]!)) out.push(normalize(m[1]!, m[2]!));
  }
  return out;
}

/** The handlers a Hono app registered (middleware, registered as ALL, left out). */
const honoRoutes = (app: Hono<any, any, any>) => app.routes.filter((r) => r.method !== 'ALL').map((r) => normalize(r.method, r.path));

let openapi: string[] = [];
let served: Set<string>;
let documented: string[] = [];

beforeAll(async () => {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 }),
  );
  const clock = () => new Date();
  const deps = {
    doc,
    tableName: 'docs-api',
    clock,
    checkoutTtlSeconds: 1800,
    // the local checkout page's routes are mounted only with the local payments adapter
    payments: new LocalPayments(doc, 'docs-api', 'whsec_docs', clock),
  } as unknown as AppDeps;
  const app = buildApp(deps);
  const res = await app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  const spec = (await res.json()) as { servers?: { url: string }[]; paths: Record<string, Record<string, unknown>> };
  const base = spec.servers?.[0]?.url ?? '';
  openapi = Object.entries(spec.paths).flatMap(([p, ops]) =>
    Object.keys(ops)
      .filter((m) => METHODS.includes(m.toUpperCase()))
      .map((m) => normalize(m, base + p)),
  );

  const empty = mkdtempSync(path.join(tmpdir(), 'bangfu-docs-api-'));
  served = new Set([
    ...openapi,
    ...honoRoutes(app),
    ...honoRoutes(buildWebhookApp(deps)),
    // local mode (functions/entries/local.ts): the dev mail page and the web app
    ...honoRoutes(devMailRoutes(empty)),
    ...honoRoutes(webStaticRoutes(empty)),
    // the ledger function's share pages (functions/entries/ledger.ts)
    ...honoRoutes(shareRoutes(deps, async () => undefined)),
  ]);
  documented = documentedRoutes(readFileSync(path.join(ROOT, 'docs/API.md'), 'utf8'));
});

describe('docs/API.md', () => {
  it('lists every operation of /api/openapi.json', () => {
    expect(openapi.length).toBeGreaterThan(100);
    const listed = new Set(documented);
    expect(openapi.filter((r) => !listed.has(r))).toEqual([]);
  });

  it('lists every route the apps serve beyond the OpenAPI document (local checkout, dev mail, share pages, the web app …)', () => {
    const listed = new Set(documented);
    expect([...served].filter((r) => !listed.has(r))).toEqual([]);
  });

  it('names no route the server does not serve', () => {
    expect(documented.filter((r) => !served.has(r))).toEqual([]);
  });

  it('names each route once', () => {
    expect(documented.filter((r, i) => documented.indexOf(r) !== i)).toEqual([]);
  });
});

describe('the page parser', () => {
  it('reads method and path from route rows and nothing else', () => {
    const md =
      '| method | path | who | meaning |\n| --- | --- | --- | --- |\n| GET | `/api/villages/:id` | bureau | one |\n| POST | `/api/x/{id}/y` | public | two |\n| rule | `/api/z` | – | not a route |\n';
    expect(documentedRoutes(md)).toEqual(['GET /api/villages/:id', 'POST /api/x/:id/y']);
  });
});
