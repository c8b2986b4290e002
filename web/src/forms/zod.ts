import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { ApiError } from '../api/errors';

/** An antd rule from one field of a shared zod schema: the schema's Chinese message shows inline. */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: async (_rule, value) => {
      const result = schema.safeParse(emptyToUndefined(value));
      if (!result.success) throw new Error(result.error.issues[0]?.message);
    },
  };
}

/** '' and null from antd inputs mean "not given". */
export function emptyToUndefined<T>(value: T): T | undefined {
  return value === '' || value === null ? undefined : value;
}

/** Drops empty strings and nulls from a form's values before the schema sees them. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const clean = typeof v === 'string' ? v.trim() : v;
    if (clean !== '' && clean !== null && clean !== undefined) out[k] = clean;
  }
  return out as Partial<T>;
}

type PathMap = Record<string, string>;

const toName = (path: string, map?: PathMap) => (map?.[path] ?? path).split('.');

function registeredNames(form: FormInstance): Set<string> {
  return new Set(form.getFieldsError().map((f) => f.name.join('.')));
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; problems: string[] };

/**
 * Parses a form's values with the whole schema (so cross-field rules run too). On failure the
 * messages go next to their fields; the ones that belong to no field come back as `problems`.
 * `map` renames schema paths to form fields (commitment.moneyFen → moneyYuan).
 */
export function parseWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown, map?: PathMap): Parsed<z.infer<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const names = registeredNames(form);
  const fields: { name: string[]; errors: string[] }[] = [];
  const problems: string[] = [];
  for (const issue of result.error.issues) {
    const name = toName(issue.path.map(String).join('.'), map);
    if (names.has(name.join('.'))) fields.push({ name, errors: [issue.message] });
    else problems.push(issue.message);
  }
  form.setFields(fields);
  return { ok: false, problems };
}

/**
 * Puts a 400's details [{path, message}] next to the form's fields. Returns the messages that
 * belong to no field on the form (to show above it); any other failure is described whole.
 */
export function applyServerErrors(form: FormInstance, error: unknown, describe: (e: unknown) => string, map?: PathMap): string[] {
  if (!(error instanceof ApiError)) return [describe(error)];
  const names = registeredNames(form);
  const leftover: string[] = [];
  const fields: { name: string[]; errors: string[] }[] = [];
  for (const fe of error.fieldErrors) {
    const name = toName(fe.path, map);
    if (names.has(name.join('.'))) fields.push({ name, errors: [fe.message] });
    else leftover.push(fe.message);
  }
  form.setFields(fields);
  return fields.length === 0 && leftover.length === 0 ? [error.message] : leftover;
}
