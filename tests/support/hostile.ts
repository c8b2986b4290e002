import { createHash } from 'node:crypto';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';

// Hostile request bodies: fast-check arbitraries built from an OpenAPI (JSON Schema) request body,
// then mutated (wrong types, missing and extra fields, huge strings, deep nesting, unicode with
// lone surrogates and RTL marks, extreme numbers, prototype-pollution keys).

type Schema = Record<string, any>;
export type OpenApiDoc = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

function deref(doc: OpenApiDoc, s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; i < 20 && typeof cur.$ref === 'string'; i++) {
    const name = cur.$ref.split('/').pop()!;
    cur = doc.components?.schemas?.[name] ?? {};
  }
  return cur;
}

const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

/** Values that (mostly) fit a JSON Schema: the starting point that mutations break. */
export function arbFromSchema(doc: OpenApiDoc, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, raw);
  if (depth > 6) return fc.constant(null);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...s.enum);
  if ('const' in s) return fc.constant(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a: Schema) => arbFromSchema(doc, a, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length) return arbFromSchema(doc, s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
    case undefined: {
      const props: Record<string, Schema> = s.properties ?? {};
      if (!Object.keys(props).length) return type === 'object' ? fc.constant({}) : fc.constant('x');
      const required: string[] = s.required ?? [];
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) rec[k] = arbFromSchema(doc, v, depth + 1);
      return fc.record(rec, { requiredKeys: required.filter((k) => k in props) });
    }
    case 'array': {
      const max = Math.min(s.maxItems ?? 3, 3);
      return fc.array(arbFromSchema(doc, s.items, depth + 1), { minLength: Math.min(s.minItems ?? 0, max), maxLength: max });
    }
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1000, -1e9), max: Math.min(s.maximum ?? 1_000_000, 1e9) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (s.format === 'date') return dateArb.map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'date-time') return dateArb.map((d) => d.toISOString());
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'uri' || s.format === 'url') return fc.webUrl();
      if (typeof s.pattern === 'string' && /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(s.pattern)) return dateArb.map((d) => d.toISOString().slice(0, 10));
      const min = s.minLength ?? 0;
      const max = Math.max(min, Math.min(s.maxLength ?? 20, 40));
      return fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'测试村abc1 -_09'.split('')) });
    }
    default:
      return fc.constant(null);
  }
}

/** Values a field should never accept, or only with care. */
const HUGE = 'x'.repeat(200_000);
const nest = (n: number): unknown => {
  let v: unknown = 'deep';
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
};
export const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '',
  ' ',
  HUGE,
  '测'.repeat(60_000),
  '\ud800',
  'a\udfffb',
  '\u202eevil\u202c',
  'مرحبا',
  '\u0000nul',
  '👨‍👩‍👧‍👦'.repeat(100),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  'T#other#VILLAGE',
  '2026-02-30',
  '9999-99-99',
  [],
  [null],
  ['x', 1, {}],
  {},
  { $ne: 1 },
  { toString: 'x', valueOf: 1 },
  nest(2_000),
  nest(50),
];

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A body that probably breaks the schema: one path changed, dropped, or extra keys added. */
function mutate(value: unknown, choices: { path: number; how: number; hostile: number; key: number }): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return HOSTILE_VALUES[choices.hostile % HOSTILE_VALUES.length];
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys.length ? keys[choices.path % keys.length] : 'name';
  switch (choices.how % 5) {
    case 0: // wrong type / hostile value in one field
      copy[key] = HOSTILE_VALUES[choices.hostile % HOSTILE_VALUES.length];
      return copy;
    case 1: // a required field missing
      delete copy[key];
      return copy;
    case 2: // extra fields
      copy[`extra${choices.key}`] = HOSTILE_VALUES[choices.hostile % HOSTILE_VALUES.length];
      copy.tenantId = 'tnt_other';
      copy.id = 'x';
      return copy;
    case 3: // nested: mutate inside a nested object or array if there is one
      if (copy[key] && typeof copy[key] === 'object') {
        const inner = copy[key];
        copy[key] = Array.isArray(inner)
          ? [...inner, HOSTILE_VALUES[choices.hostile % HOSTILE_VALUES.length]]
          : mutate(inner, { ...choices, how: choices.how + 1 });
      } else copy[key] = [copy[key]];
      return copy;
    default: // every field hostile at once
      for (const k of keys) copy[k] = HOSTILE_VALUES[(choices.hostile + k.length) % HOSTILE_VALUES.length];
      return copy;
  }
}

/** JSON text for a value, with prototype-pollution keys spliced in as own keys of the top object. */
function toText(value: unknown, pollute: number): string {
  const text = JSON.stringify(value);
  if (pollute === 0 || !text.startsWith('{')) return text;
  const key = POLLUTION_KEYS[pollute % POLLUTION_KEYS.length];
  const inner =
    key === 'constructor' ? '{"prototype":{"polluted":"yes","role":"platform_admin"}}' : '{"polluted":"yes","role":"platform_admin","isAdmin":true}';
  return `{"${key}":${inner}${text === '{}' ? '' : ','}${text.slice(1)}`;
}

/** A request body as text: well-formed from the schema, mutated, polluted, or not an object at all. */
export function hostileBodyArb(doc: OpenApiDoc, schema: Schema | undefined, known?: Record<string, unknown>): fc.Arbitrary<string> {
  const valid = arbFromSchema(doc, schema);
  // a known-good body (when the test has one), mutated: one broken field gets past the others to the service
  const base = known ? fc.oneof(valid, fc.constant(known)) : valid;
  const choices = fc.record({ path: fc.nat(), how: fc.nat(), hostile: fc.nat(), key: fc.nat(99) });
  return fc.oneof(
    { weight: 1, arbitrary: fc.tuple(valid, fc.nat(3)).map(([v, p]) => toText(v, p === 0 ? 1 : 0)) },
    { weight: 6, arbitrary: fc.tuple(base, choices, fc.nat(3)).map(([v, c, p]) => toText(mutate(v, c), p)) },
    { weight: 1, arbitrary: fc.nat(HOSTILE_VALUES.length - 1).map((i) => JSON.stringify(HOSTILE_VALUES[i])) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'null', '"str"', '{"a":1}garbage', '\u0000', '{"__proto__":null}', '{"a":1,"a":2}') },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  );
}

/** A digest of every item in the table, except the rate-limit counters (which count refusals on purpose). */
export async function tableDigest(doc: DynamoDBDocumentClient, tableName: string): Promise<{ digest: string; count: number; items: string[] }> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      // rate windows and sign-in failure counts (login-throttle.ts) are the writes a refusal makes on purpose
      if (typeof item.pk === 'string' && /#(RATE|LOGINFAIL)(#|$)/.test(item.pk)) continue;
      items.push(
        JSON.stringify(
          Object.keys(item)
            .sort()
            .map((k) => [k, item[k]]),
        ),
      );
    }
    start = page.LastEvaluatedKey;
  } while (start);
  items.sort();
  return { digest: createHash('sha256').update(items.join('\n')).digest('hex'), count: items.length, items };
}
