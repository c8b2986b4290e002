import type { Village } from '../../../shared/schemas/villages.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

export type VillageItem = Village;

// Access pattern: a village by id → pk VILLAGE, sk <id>.
export const villageKey = (store: TenantStore, id: string) => ({ pk: store.pk('VILLAGE'), sk: id });

/**
 * Access pattern (GSI villagesByCoverage): a tenant's villages, supervised villages without an
 * active pairing first (rule 1), then other uncovered ones, then covered; by township and name.
 */
export function coverageSortKey(v: Pick<Village, 'supervised' | 'activePairings' | 'township' | 'name' | 'id'>): string {
  const rank = v.activePairings > 0 ? 2 : v.supervised ? 0 : 1;
  return `${rank}#${v.township}#${v.name}#${v.id}`;
}

function indexAttrs(store: TenantStore, v: Village) {
  return { coveragePk: store.pk('VILLAGE'), coverageSk: coverageSortKey(v) };
}

export function strip(item: Record<string, unknown>): VillageItem {
  const { pk: _p, sk: _s, coveragePk: _cp, coverageSk: _cs, ...rest } = item;
  return rest as VillageItem;
}

export async function getVillageItem(store: TenantStore, id: string): Promise<VillageItem | null> {
  const item = await store.get<Record<string, unknown>>(villageKey(store, id).pk, id);
  return item ? strip(item) : null;
}

export async function listVillageItems(
  store: TenantStore,
  q: { supervised?: 'true' | 'false'; uncovered?: 'true' | 'false'; q?: string; limit: number; cursor?: string },
) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  let skBetween: [string, string] | undefined;
  let skBeginsWith: string | undefined;
  if (q.uncovered === 'true') {
    if (q.supervised === 'true') skBeginsWith = '0#';
    else skBetween = ['0#', '1#\uffff'];
  } else if (q.uncovered === 'false') {
    skBeginsWith = '2#';
  }
  if (q.supervised && !(q.supervised === 'true' && q.uncovered === 'true')) {
    names['#sup'] = 'supervised';
    values[':sup'] = q.supervised === 'true';
    parts.push('#sup = :sup');
  }
  if (q.q) {
    names['#n'] = 'name';
    names['#t'] = 'township';
    values[':q'] = q.q;
    parts.push('(contains(#n, :q) OR contains(#t, :q))');
  }
  const page = await store.query<Record<string, unknown>>({
    pk: store.pk('VILLAGE'),
    index: 'villagesByCoverage',
    skBeginsWith,
    skBetween,
    limit: q.limit,
    cursor: q.cursor,
    filter: parts.length ? { expression: parts.join(' AND '), names, values } : undefined,
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

/** Every village of the tenant, rule-1 order (dashboards and the claim list; bounded). */
export async function allVillageItems(store: TenantStore): Promise<VillageItem[]> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('VILLAGE'), index: 'villagesByCoverage' }, 5000);
  return items.map(strip);
}

export function putVillageTx(store: TenantStore, v: Village, condition: 'new' | { updatedAt: string; activePairings: number }): TxItem {
  return {
    Put: {
      Item: { ...villageKey(store, v.id), ...indexAttrs(store, v), ...v },
      ...(condition === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'updatedAt = :prev AND activePairings = :ap',
            ExpressionAttributeValues: { ':prev': condition.updatedAt, ':ap': condition.activePairings },
          }),
    },
    failWith: AppError.conflict('村庄信息已被他人修改，请刷新后重试'),
  };
}

/**
 * Moves a village's active-pairing count by one, with its coverage position and its gap (断档)
 * marker: conditional on the count read, so two pairings moving it at once cannot both win.
 */
export function moveVillageCoverageTx(store: TenantStore, v: Village, by: 1 | -1, gapOpenSince: string | null): TxItem {
  const next = { ...v, activePairings: v.activePairings + by };
  return {
    Update: {
      Key: villageKey(store, v.id),
      UpdateExpression: 'SET activePairings = :n, covered = :c, coverageSk = :sk, gapOpenSince = :gap',
      // supervised too: the dashboard's covered counter moves with the supervised flag read
      ConditionExpression: 'activePairings = :old AND supervised = :sup',
      ExpressionAttributeValues: {
        ':sup': v.supervised,
        ':n': next.activePairings,
        ':c': next.activePairings > 0,
        ':sk': coverageSortKey(next),
        ':gap': gapOpenSince,
        ':old': v.activePairings,
      },
    },
    failWith: AppError.conflict('村庄的结对情况刚刚发生变化，请重试'),
  };
}

/**
 * The earliest start among a village's pairings (rule 2: none before registration). Read through
 * the village's index (byVillage, PAIRING#…), which the pairings module writes with each pairing.
 */
export async function earliestPairingStart(store: TenantStore, villageId: string): Promise<string | null> {
  const items = await store.queryAll<{ startDate?: string | null }>({ pk: store.pk('VILLAGE', villageId), index: 'byVillage', skBeginsWith: 'PAIRING#' });
  return (
    items
      .map((p) => p.startDate)
      .filter((d): d is string => !!d)
      .sort()[0] ?? null
  );
}
