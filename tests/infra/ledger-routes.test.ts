import { describe, expect, it } from 'vitest';
import { buildApiApp } from '../../functions/app.js';
import { buildApp } from '../../functions/app-full.js';
import { LEDGER_PATHS } from '../../functions/entries/ledger.js';
import type { AppDeps } from '../../functions/http/context.js';
import { LEDGER_ROUTES } from '../../infra/constructs/ledger.js';

/**
 * The three lists that split the API between two functions, kept in step: the routes the ledger
 * function mounts (functions/app-full.ts mountLedgerRoutes), the paths it answers
 * (functions/entries/ledger.ts LEDGER_PATHS) and the HTTP API routes that send requests to it
 * (infra/constructs/ledger.ts LEDGER_ROUTES). A route moved to the ledger and missing from either
 * list would be a 404 on AWS alone: local mode and the api tests serve the whole app.
 */

type Operation = { method: string; path: string };

/** The app's operations from its OpenAPI document (built without a database: nothing is called). */
async function operations(app: { request: (path: string) => Response | Promise<Response> }): Promise<Operation[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((method) => ({ method, path: `/api${p}` })));
}

/** An OpenAPI or HTTP API path template as a concrete request path ({id} → a segment, {proxy+} → two). */
const example = (template: string) => template.replace(/\{[^}]+\+\}/g, 'a1/b2').replace(/\{[^}]+\}/g, 'x1');

/** An HTTP API route as API Gateway matches it: {name} one segment, {name+} one or more. */
const routeRegex = (route: string) => new RegExp(`^${route.replace(/\{[^}]+\+\}/g, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`);
const routedToLedger = (path: string) => LEDGER_ROUTES.some((r) => routeRegex(r).test(path));

const deps = { originSecret: undefined } as unknown as AppDeps;

describe('the split between the api and ledger functions', () => {
  it('sends every route only the ledger function mounts to it, and it answers each', async () => {
    const api = new Set((await operations(buildApiApp(deps))).map((o) => `${o.method} ${o.path}`));
    const ledgerOnly = (await operations(buildApp(deps))).filter((o) => !api.has(`${o.method} ${o.path}`));
    expect(ledgerOnly.length).toBeGreaterThan(40);
    const lost = ledgerOnly.map((o) => example(o.path)).filter((p) => !LEDGER_PATHS.test(p) || !routedToLedger(p));
    expect(lost).toEqual([]);
  });

  it('leaves every route the api function mounts with the api function', async () => {
    const taken = (await operations(buildApiApp(deps))).map((o) => example(o.path)).filter((p) => LEDGER_PATHS.test(p) || routedToLedger(p));
    expect(taken).toEqual([]);
  });

  it('answers in the ledger function every path the HTTP API sends it', () => {
    expect(LEDGER_ROUTES.map(example).filter((p) => !LEDGER_PATHS.test(p))).toEqual([]);
  });
});
