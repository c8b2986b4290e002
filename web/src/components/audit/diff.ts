/** Fields every record carries that say nothing about what a person changed. */
const NOISE = new Set(['updatedAt', 'createdAt', 'id', 'pk', 'sk']);

export type Change = { field: string; before: unknown; after: unknown };

/** The fields an audit event changed, before → after (a create lists what it set). */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !NOISE.has(k));
  return keys.filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null)).map((field) => ({ field, before: b[field], after: a[field] }));
}
