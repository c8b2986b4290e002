import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, isValidCreditCode, withCheckChar } from '../../shared/credit-code.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// The OpenAPI document serves clients outside this repository (a province's system, a generated
// SDK): it is linted with Spectral's `oas` ruleset, every operation has a stable operationId, every
// request string says how long it may be, and every 429 says when to come back.

type Schema = Record<string, any>;
type Operation = { operationId?: string; parameters?: Schema[]; requestBody?: Schema; responses: Record<string, Schema> };
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

let h: Harness;
let t: TestTenant;
let raw: string;
let doc: OpenApi;
let operations: { key: string; op: Operation }[];

beforeAll(async () => {
  h = await makeHarness();
  t = await h.tenant();
  const res = await h.call('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body as OpenApi;
  raw = JSON.stringify(doc, null, 2);
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
});

const SEVERITY = ['error', 'warn', 'info', 'hint'];
const show = (r: ISpectralDiagnostic) => `${SEVERITY[r.severity]} ${r.code} at ${r.path.join('.')}: ${r.message}`;

describe("Spectral's oas ruleset", () => {
  it('finds no error in the document', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'recommended']] });
    const results = await spectral.run(new Document(raw, Json, 'openapi.json'));
    const errors = results.filter((r) => r.severity === 0);
    const warnings = results.filter((r) => r.severity === 1);
    // the warnings left (the info's contact: there is no address to give) are listed, not fatal
    if (warnings.length) console.info(`spectral: ${warnings.length} warnings (${[...new Set(warnings.map((w) => w.code))].join(', ')})`);
    expect(errors.map(show)).toEqual([]);
    // what was fixed stays fixed: every operation named, every tag declared
    expect(
      warnings.filter((w) => ['operation-operationId', 'operation-tag-defined', 'operation-tags', 'operation-description'].includes(String(w.code))).map(show),
    ).toEqual([]);
  });
});

describe('operationId', () => {
  it('every operation has one: camelCase, unique', () => {
    const missing = operations.filter(({ op }) => !op.operationId).map(({ key }) => key);
    expect(missing).toEqual([]);
    const notCamel = operations.filter(({ op }) => !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId!)).map(({ key, op }) => `${key}: ${op.operationId}`);
    expect(notCamel).toEqual([]);
    const seen = new Map<string, string[]>();
    for (const { key, op } of operations) seen.set(op.operationId!, [...(seen.get(op.operationId!) ?? []), key]);
    expect([...seen].filter(([, keys]) => keys.length > 1)).toEqual([]);
    expect(operations.length).toBeGreaterThan(130);
  });

  it('stay as clients know them (a rename breaks a generated SDK)', () => {
    const ids = Object.fromEntries(operations.map(({ key, op }) => [key, op.operationId]));
    expect(ids).toMatchObject({
      'GET /pairings': 'listPairings',
      'POST /pairings': 'claimPairing',
      'GET /pairings/{id}': 'getPairing',
      'POST /pairings/{id}/approve': 'approvePairing',
      'POST /auth/login': 'login',
      'POST /public/{tenantSlug}/checkout': 'checkout',
      'POST /imports/villages': 'importVillages',
      'POST /organizations/{id}/suspend': 'suspendOrganization',
    });
  });
});

describe('descriptions', () => {
  it('every operation says who may call it: a token (and which roles) or no account', () => {
    type Secured = Operation & { description?: string; security?: unknown[] };
    const wrong = operations
      .filter(({ op }) => {
        const o = op as Secured;
        return !o.description || (o.security?.length ? !o.description.startsWith('Needs a bearer token') : o.description.includes('bearer token'));
      })
      .map(({ key }) => key);
    expect(wrong).toEqual([]);
  });

  it("each route's description names the very action its authorize middleware checks", () => {
    const files = readdirSync('functions', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const mismatched: string[] = [];
    let checked = 0;
    for (const file of files) {
      const src = readFileSync(join('functions', file), 'utf8');
      for (const block of src.split('createRoute({').slice(1)) {
        const route = block.slice(0, block.search(/\n\s*\}\);/));
        const checks = [...route.matchAll(/authorize\('([a-z._]+)'\)/g)].map((m) => m[1]);
        const says = [...route.matchAll(/access\('([a-z._]+)'\)/g)].map((m) => m[1]);
        if (checks.length || says.length) checked++;
        if (checks.join() !== says.join()) mismatched.push(`${file}: authorize(${checks}) vs access(${says})`);
      }
    }
    expect(checked).toBeGreaterThan(90);
    expect(mismatched).toEqual([]);
  });
});

describe('429', () => {
  it('every 429 the document lists declares Retry-After (errorResponse always sends it)', () => {
    const with429 = operations.filter(({ op }) => op.responses['429']);
    expect(with429.length).toBeGreaterThan(100);
    const bare = with429.filter(({ op }) => op.responses['429'].headers?.['Retry-After']?.schema?.type !== 'integer').map(({ key }) => key);
    expect(bare).toEqual([]);
  });

  it('the rate-limited routes list their 429', () => {
    for (const key of [
      'POST /auth/login',
      'POST /public/{tenantSlug}/checkout',
      'POST /public/{tenantSlug}/donate',
      'POST /public/{tenantSlug}/orders/lookup',
      'POST /public/{tenantSlug}/concerns',
      'POST /auth/password-reset',
      'POST /invitations',
    ]) {
      expect(operations.find((o) => o.key === key)?.op.responses['429'], key).toBeDefined();
    }
  });
});

/** Every string a client sends, with where it is: parameters and JSON or form bodies, through $refs and unions. */
function requestStrings(): { where: string; schema: Schema }[] {
  const out: { where: string; schema: Schema }[] = [];
  const walk = (s: Schema | undefined, where: string, depth = 0): void => {
    if (!s || depth > 20) return;
    if (s.$ref) return walk(doc.components?.schemas?.[String(s.$ref).split('/').at(-1)!], where, depth + 1);
    for (const k of ['anyOf', 'oneOf', 'allOf']) for (const x of s[k] ?? []) walk(x, where, depth + 1);
    const types = [s.type].flat();
    if (types.includes('string')) out.push({ where, schema: s });
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) walk(v, `${where}.${k}`, depth + 1);
    if (s.items) walk(s.items, `${where}[]`, depth + 1);
  };
  for (const { key, op } of operations) {
    for (const p of op.parameters ?? []) walk(p.schema, `${key} ${p.in}:${p.name}`);
    for (const [type, c] of Object.entries<Schema>(op.requestBody?.content ?? {})) walk(c.schema, `${key} body(${type})`);
  }
  return out;
}

describe('request constraints as validated', () => {
  it('every request string is bounded: maxLength, a pattern, an enum or a file', () => {
    const strings = requestStrings();
    expect(strings.length).toBeGreaterThan(200);
    const unbounded = strings
      .filter(({ schema: s }) => s.maxLength === undefined && s.pattern === undefined && s.enum === undefined && s.const === undefined && s.format !== 'binary')
      .map(({ where }) => where);
    expect(unbounded).toEqual([]);
  });

  it('emails, dates, credit codes and time zones say what they are', () => {
    const strings = requestStrings();
    const field = (name: string) => strings.filter(({ where }) => where.endsWith(`.${name}`) && where.includes('body('));
    const emails = field('email');
    expect(emails.length).toBeGreaterThanOrEqual(5);
    for (const { where, schema } of emails) expect(schema, where).toMatchObject({ format: 'email', maxLength: 200 });
    const dates = ['date', 'startDate', 'endDate', 'targetDate', 'registeredOn', 'seasonStart', 'seasonEnd', 'weekStart'].flatMap(field);
    expect(dates.length).toBeGreaterThanOrEqual(15);
    for (const { where, schema } of dates) expect(schema, where).toMatchObject({ format: 'date', maxLength: 10 });
    const codes = field('creditCode');
    expect(codes.length).toBeGreaterThanOrEqual(2);
    for (const { where, schema } of codes) expect(schema, where).toMatchObject({ minLength: 18, maxLength: 18, pattern: expect.any(String) });
    const zones = field('timeZone');
    expect(zones.length).toBeGreaterThanOrEqual(2);
    for (const { where, schema } of zones) expect(schema, where).toMatchObject({ maxLength: 64, description: expect.stringContaining('IANA') });
  });

  it("the credit code's pattern admits every code the check accepts, and only its charset", () => {
    const code = requestStrings().find(({ where }) => where.endsWith('.creditCode'))!.schema;
    const pattern = new RegExp(code.pattern);
    let seed = 17;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 500; i++) {
      const first17 = Array.from({ length: 17 }, () => CREDIT_CODE_CHARSET[next() % CREDIT_CODE_CHARSET.length]).join('');
      const valid = withCheckChar(first17);
      expect(isValidCreditCode(valid) && pattern.test(valid), valid).toBe(true);
    }
    for (const ch of 'IOZSV') expect(pattern.test(`91620521MA000000${ch}0`)).toBe(false);
  });

  it('an over-long string is a 400 naming the field, as the document says', async () => {
    const settings = await h.call('PATCH', '/api/settings', { token: t.bureau, body: { timeZone: `Asia/${'x'.repeat(70)}` } });
    expect(settings.status).toBe(400);
    expect(settings.body.error.details).toEqual([expect.objectContaining({ path: 'timeZone' })]);

    const orderNo = `DEMO-20261207-${'1'.repeat(100)}`;
    const lookup = await h.call('POST', `/api/public/${t.slug}/orders/lookup`, { body: { phone: '13812345678', orderNo } });
    expect(lookup.status).toBe(400);
    expect(lookup.body.error.details).toEqual([expect.objectContaining({ path: 'orderNo' })]);

    const concerns = await h.call('GET', `/api/concerns?ticketNo=DEMO-T-20261207-${'1'.repeat(100)}`, { token: t.bureau });
    expect(concerns.status).toBe(400);
    expect(concerns.body.error.details).toEqual([expect.objectContaining({ path: 'query.ticketNo' })]);

    const signature = await h.call('POST', '/api/webhooks/stripe', { body: '{}', headers: { 'stripe-signature': `t=1,v1=${'a'.repeat(2000)}` } });
    expect(signature.status).toBe(400);
    expect(JSON.stringify(signature.body.error.details)).toContain('stripe-signature');
  });
});
