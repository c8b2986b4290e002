import type { Need, NeedStatus } from '../../../shared/schemas/needs.js';
import { AppError } from '../../errors.js';
import type { QueryInput, TenantStore, TxItem } from '../../store/tenant-store.js';
import { counterKey, counterTx, NEEDS } from '../counters/store.js';

export type NeedRecord = Need & {
  version: number;
  /**
   * The month (tenant's time zone, `YYYY-MM`) each pledging organization first pledged the need,
   * fixed at that pledge: where the organization's "needs taken on / met" columns count it.
   */
  orgMonths?: Record<string, string>;
};

// Access pattern: a need by id, and the tenant's needs newest first → pk NEED, sk <id>.
export const needKey = (store: TenantStore, id: string) => ({ pk: store.pk('NEED'), sk: id });
/** The summary's per-village counter item: COUNTERS/NEEDS_V#<villageId> { open, pledged, met } + names. */
export const villageNeedsName = (villageId: string) => `NEEDS_V#${villageId}`;

export function strip(item: Record<string, unknown>): NeedRecord {
  const { pk: _p, sk: _s, ...rest } = item;
  return rest as NeedRecord;
}

export const toNeed = (r: NeedRecord): Need => {
  const { version: _v, orgMonths: _m, ...rest } = r;
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

// Access pattern: each organization's needs taken on and met, by month (the assessment's "needs
// met", read for all organizations at once) → pk NEEDS_ORG, sk <orgId>, columns
// `pledged_<YYYY-MM>` and `met_<YYYY-MM>`.
export const needsOrgKey = (store: TenantStore, orgId: string) => ({ pk: store.pk('NEEDS_ORG'), sk: orgId });

/**
 * Fills in the month of each pledging organization that has none yet: the month of its first
 * pledge in the tenant's time zone (`monthOf`). Needs pledged before the months were kept get
 * theirs the same way, in the migration and at their next change alike.
 */
export function withOrgMonths(r: NeedRecord, monthOf: (iso: string) => string): NeedRecord {
  const months = { ...(r.orgMonths ?? {}) };
  for (const p of [...r.pledges].sort((a, b) => a.createdAt.localeCompare(b.createdAt)))
    if (!months[p.organizationId]) months[p.organizationId] = monthOf(p.createdAt);
  return { ...r, orgMonths: months };
}

/**
 * What a need counts for each organization that pledged it (rule: one need taken on per
 * organization however many pledges it made, in the month of its first pledge; met when the need
 * is met, by fulfilment or the bureau's closure). A withdrawn need counts for no one.
 */
export function needOrgShares(r: NeedRecord | null): Map<string, { month: string; met: boolean }> {
  const out = new Map<string, { month: string; met: boolean }>();
  if (!r || r.status === 'withdrawn') return out;
  for (const p of r.pledges) {
    const month = r.orgMonths?.[p.organizationId];
    if (month) out.set(p.organizationId, { month, met: r.status === 'met' });
  }
  return out;
}

/** The moves of each organization's columns between two states of one need: one Update per organization whose share changed. */
export function needOrgCountersTx(store: TenantStore, before: NeedRecord | null, after: NeedRecord): TxItem[] {
  const was = needOrgShares(before);
  const now = needOrgShares(after);
  const tx: TxItem[] = [];
  for (const orgId of new Set([...was.keys(), ...now.keys()])) {
    const by = new Map<string, number>();
    const move = (s: { month: string; met: boolean } | undefined, n: number) => {
      if (!s) return;
      by.set(`pledged_${s.month}`, (by.get(`pledged_${s.month}`) ?? 0) + n);
      if (s.met) by.set(`met_${s.month}`, (by.get(`met_${s.month}`) ?? 0) + n);
    };
    move(was.get(orgId), -1);
    move(now.get(orgId), 1);
    const moves = [...by].filter(([, n]) => n !== 0);
    if (!moves.length) continue;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    moves.forEach(([col, n], i) => {
      names[`#c${i}`] = col;
      values[`:c${i}`] = n;
    });
    tx.push({
      Update: {
        Key: needsOrgKey(store, orgId),
        UpdateExpression: `ADD ${moves.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  return tx;
}

export type OrgNeedMonths = Map<string, { pledged: number; met: number }>;

/** Every organization's needs taken on and met, by month (one small item per organization that ever pledged). */
export async function allNeedsByOrg(store: TenantStore): Promise<Map<string, OrgNeedMonths>> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('NEEDS_ORG') }, 100_000);
  const out = new Map<string, OrgNeedMonths>();
  for (const i of items) {
    const months: OrgNeedMonths = new Map();
    for (const [k, v] of Object.entries(i)) {
      const m = /^(pledged|met)_(\d{4}-\d{2})$/.exec(k);
      if (!m) continue;
      const cell = months.get(m[2]) ?? { pledged: 0, met: 0 };
      cell[m[1] as 'pledged' | 'met'] += Number(v);
      months.set(m[2], cell);
    }
    out.set(String(i.sk), months);
  }
  return out;
}

/** Sets an organization's columns to a recount (the migration's write). */
export function setNeedsByOrgTx(store: TenantStore, orgId: string, months: OrgNeedMonths): TxItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  let n = 0;
  for (const [month, v] of months)
    for (const kind of ['pledged', 'met'] as const) {
      names[`#c${n}`] = `${kind}_${month}`;
      values[`:v${n}`] = v[kind];
      sets.push(`#c${n} = :v${n}`);
      n++;
    }
  names['#o'] = 'organizationId';
  values[':o'] = orgId;
  sets.push('#o = :o');
  return {
    Update: { Key: needsOrgKey(store, orgId), UpdateExpression: `SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
  };
}

/** Every need record of the tenant (the recount's and the migration's read). */
export async function allNeedRecords(store: TenantStore): Promise<NeedRecord[]> {
  return (await store.queryAll<Record<string, unknown>>({ pk: store.pk('NEED') }, 10_000_000)).map(strip);
}
