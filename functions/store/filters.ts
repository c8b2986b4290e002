import type { QueryInput } from './tenant-store.js';

/**
 * The FilterExpression of a list's optional query filters: each defined `equals` attribute must
 * equal its value, each defined `contains` attribute (a list) must contain it; undefined ones are
 * left out, and no filter at all when none is given.
 */
export function filterWhere(equals: Record<string, unknown>, contains: Record<string, unknown> = {}): QueryInput['filter'] {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  const add = (attr: string, value: unknown, term: (n: string, v: string) => string) => {
    if (value === undefined) return;
    const i = parts.length;
    names[`#w${i}`] = attr;
    values[`:w${i}`] = value;
    parts.push(term(`#w${i}`, `:w${i}`));
  };
  for (const [attr, value] of Object.entries(equals)) add(attr, value, (n, v) => `${n} = ${v}`);
  for (const [attr, value] of Object.entries(contains)) add(attr, value, (n, v) => `contains(${n}, ${v})`);
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}
