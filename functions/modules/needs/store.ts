import type { Need, NeedStatus } from '../../../shared/schemas/needs.js';
import { AppError } from '../../errors.js';
import type { QueryInput, TenantStore, TxItem } from '../../store/tenant-store.js';
import { counterKey, counterTx, NEEDS } from '../counters/store.js';

export type NeedRecord = Need & { version: number };

// Access pattern: a need by id, and the tenant's needs newest first → pk NEED, sk <id>.
export const needKey = (store: TenantStore, id: string) => ({ pk: store.pk('NEED'), sk: id });
/** The summary's per-village counter item: COUNTERS/NEEDS_V#<villageId> { open, pledged, met } + names. */
export const villageNeedsName = (villageId: string) => `NEEDS_V#${villageId}`;

export function strip(item: Record<string, unknown>): NeedRecord {
  const { pk: _p, sk: _s, ...rest } = item;
  return rest as NeedRecord;
}

export const toNeed = (r: NeedRecord): Need => {
  const { version: _v, ...rest } = r;
  return { ...rest, closure: rest.closure ?? null };
};

export async function getNeedRecord(store: TenantStore, id: string): Promise<NeedRecord | null> {
  const item = await store.get<Record<string, unknown>>(store.pk('NEED'), id);
  return item ? strip(item) : null;
}

/** The need's new state, conditional on the version read (a concurrent change makes the caller re-read). */
export function putNeedTx(store: TenantStore, r: NeedRecord, prevVersion: number | 'new', failWith: AppError): TxItem {
  return {
    Put: {
      Item: { ...needKey(store, r.id), ...r },
      ...(prevVersion === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': prevVersion } }),
    },
    failWith,
  };
}

type Counted = Exclude<NeedStatus, 'withdrawn'>;

/**
 * The counter moves of a status change (from null = a new need): the tenant's COUNTERS/NEEDS and
 * the village's COUNTERS/NEEDS_V#<id> (which carries the names the summary shows).
 */
export function needCountersTx(store: TenantStore, n: Pick<Need, 'villageId' | 'villageName' | 'township'>, from: NeedStatus | null, to: NeedStatus): TxItem[] {
  const by: Record<string, number> = {};
  if (from) by[from] = (by[from] ?? 0) - 1;
  by[to] = (by[to] ?? 0) + 1;
  const tenant = counterTx(store, NEEDS, by);
  const village: Record<string, number> = {};
  for (const [k, v] of Object.entries(by)) if (k !== 'withdrawn' && v !== 0) village[k as Counted] = v;
  const entries = Object.entries(village);
  const names: Record<string, string> = { '#vid': 'villageId', '#vn': 'villageName', '#tw': 'township' };
  const values: Record<string, unknown> = { ':vid': n.villageId, ':vn': n.villageName, ':tw': n.township };
  entries.forEach(([k, v], i) => {
    names[`#c${i}`] = k;
    values[`:c${i}`] = v;
  });
  const villageTx: TxItem = {
    Update: {
      Key: counterKey(store, villageNeedsName(n.villageId)),
      UpdateExpression: `SET #vid = :vid, #vn = :vn, #tw = :tw${entries.length ? ` ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
  return [...(tenant ? [tenant] : []), villageTx];
}

export async function listNeedRecords(
  store: TenantStore,
  q: { villageId?: string; status?: string; category?: string; villagesIn?: string[]; villagesNotIn?: string[]; limit: number; cursor?: string },
) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  const eq = (attr: string, v: string | undefined) => {
    if (v === undefined) return;
    const i = parts.length;
    names[`#e${i}`] = attr;
    values[`:e${i}`] = v;
    parts.push(`#e${i} = :e${i}`);
  };
  eq('villageId', q.villageId);
  eq('status', q.status);
  eq('category', q.category);
  const inList = (ids: string[], negate: boolean) => {
    names['#vin'] = 'villageId';
    const keys = ids.map((id, i) => {
      values[`:v${i}`] = id;
      return `:v${i}`;
    });
    parts.push(`${negate ? 'NOT ' : ''}(#vin IN (${keys.join(', ')}))`);
  };
  if (q.villagesIn) inList(q.villagesIn, false);
  if (q.villagesNotIn?.length) inList(q.villagesNotIn, true);
  const filter: QueryInput['filter'] = parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
  const page = await store.query<Record<string, unknown>>({ pk: store.pk('NEED'), forward: false, limit: q.limit, cursor: q.cursor, filter });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

export type VillageNeedCount = { villageId: string; villageName: string; township: string; open: number; pledged: number; met: number };

/** Every village's need counts (one small item per village that ever had a need). */
export async function villageNeedCounts(store: TenantStore): Promise<VillageNeedCount[]> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('COUNTERS'), skBeginsWith: 'NEEDS_V#' }, 5000);
  return items.map((i) => ({
    villageId: String(i.villageId),
    villageName: String(i.villageName ?? ''),
    township: String(i.township ?? ''),
    open: Number(i.open ?? 0),
    pledged: Number(i.pledged ?? 0),
    met: Number(i.met ?? 0),
  }));
}
