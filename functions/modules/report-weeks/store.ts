import type { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { counterKey } from '../counters/store.js';

/**
 * A week snapshot's `version`: ADDed by every write that takes an organization OUT of the week (a
 * back-dated end, pairing-hooks.ts). The fill from the pairing records is written only while the
 * version is the one read before the records were read, so such a removal landing in between is
 * never undone by the fill's union (the fill reads again and retries).
 */
export const WEEK_VERSION = 'version';

/** ADD string sets (and SET plain values) on one counter item; null when there is nothing to move. */
export function addToSetsTx(store: TenantStore, name: string, sets: Record<string, string[]>, set: Record<string, unknown> = {}): TxItem | null {
  const adds = Object.entries(sets).filter(([, v]) => v.length > 0);
  const puts = Object.entries(set);
  if (adds.length === 0 && puts.length === 0) return null;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const addParts = adds.map(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:a${i}`] = new Set(v);
    return `#a${i} :a${i}`;
  });
  const setParts = puts.map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const expr = [addParts.length ? `ADD ${addParts.join(', ')}` : '', setParts.length ? `SET ${setParts.join(', ')}` : ''].filter(Boolean).join(' ');
  return { Update: { Key: counterKey(store, name), UpdateExpression: expr, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

/** DELETE a value from a string set on a counter item (and, on a week snapshot, move its version: WEEK_VERSION). */
export function removeFromSetTx(store: TenantStore, name: string, attr: string, value: string, bumpVersion = false): TxItem {
  return {
    Update: {
      Key: counterKey(store, name),
      UpdateExpression: bumpVersion ? 'DELETE #a :v ADD #ver :one' : 'DELETE #a :v',
      ExpressionAttributeNames: { '#a': attr, ...(bumpVersion ? { '#ver': WEEK_VERSION } : {}) },
      ExpressionAttributeValues: { ':v': new Set([value]), ...(bumpVersion ? { ':one': 1 } : {}) },
    },
  };
}

/**
 * A week snapshot (counter `name`) filled from the pairing records: the organizations expected and
 * their names added (a union: an approval racing the fill loses nothing) and the snapshot marked
 * filled under `epoch`; written only while its version is still `version` (0: never moved), so a
 * removal landing since the read is not undone (`failWith`: read again and retry).
 */
export function fillWeekTx(
  store: TenantStore,
  name: string,
  expected: string[],
  orgNames: string[],
  epoch: number,
  version: number,
  failWith: AppError,
): TxItem {
  const u = addToSetsTx(store, name, { expected, orgNames }, { materialized: true, epoch })!.Update!;
  return {
    Update: {
      ...u,
      ConditionExpression: version === 0 ? 'attribute_not_exists(#ver)' : '#ver = :ver',
      ExpressionAttributeNames: { ...u.ExpressionAttributeNames, '#ver': WEEK_VERSION },
      ...(version !== 0 ? { ExpressionAttributeValues: { ...u.ExpressionAttributeValues, ':ver': version } } : {}),
    },
    failWith,
  };
}

/** Organizations out of a week snapshot's `expected` (a refill: those the records no longer expect). */
export function removeExpectedTx(store: TenantStore, name: string, gone: string[]): TxItem {
  return { Update: { Key: counterKey(store, name), UpdateExpression: 'DELETE expected :gone', ExpressionAttributeValues: { ':gone': new Set(gone) } } };
}
