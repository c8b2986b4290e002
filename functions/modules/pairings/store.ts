import type { Pairing } from '../../../shared/schemas/pairings.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { filterWhere } from '../../store/filters.js';
import { tenantKey } from '../tenant/store.js';

export type PairingItem = Pairing;

// Access pattern: a pairing by id, and all of a tenant's pairings newest first → pk PAIRING, sk <id>.
export const pairingKey = (store: TenantStore, id: string) => ({ pk: store.pk('PAIRING'), sk: id });
// Access pattern: "is this organization already paired (or claiming) with this village?" (rule 2)
const guardKey = (store: TenantStore, orgId: string, villageId: string) => ({
  pk: store.pk('PAIRGUARD'),
  sk: `${orgId}#${villageId}`,
});
// Access pattern: the tenant's pairing counts by status, for the dashboard.
const countersKey = (store: TenantStore) => ({ pk: store.pk('COUNTERS'), sk: 'PAIRINGS' });
// Access pattern: gaps (断档) found when a village's next pairing started (rule 2) → pk FLAG, sk GAP#…
const gapKey = (store: TenantStore, villageId: string, pairingId: string) => ({
  pk: store.pk('FLAG'),
  sk: `GAP#${villageId}#${pairingId}`,
});

export function strip(item: Record<string, unknown>): PairingItem {
  const { pk: _p, sk: _s, villagePk: _vp, villageSk: _vs, orgPk: _op, orgSk: _os, ...rest } = item;
  return rest as PairingItem;
}

export async function getPairingItem(store: TenantStore, id: string): Promise<PairingItem | null> {
  const item = await store.get<Record<string, unknown>>(pairingKey(store, id).pk, id);
  return item ? strip(item) : null;
}

export async function listPairingItems(
  store: TenantStore,
  q: { villageId?: string; organizationId?: string; status?: string; limit: number; cursor?: string },
) {
  let query;
  if (q.organizationId) {
    // Access pattern (GSI byOrganization): an organization's pairings, newest first.
    query = { pk: store.pk('ORG', q.organizationId), index: 'byOrganization' as const, skBeginsWith: 'PAIRING#' };
  } else if (q.villageId) {
    // Access pattern (GSI byVillage): a village's pairings, newest first.
    query = { pk: store.pk('VILLAGE', q.villageId), index: 'byVillage' as const, skBeginsWith: 'PAIRING#' };
  } else {
    query = { pk: store.pk('PAIRING') };
  }
  const page = await store.query<Record<string, unknown>>({
    ...query,
    forward: false,
    limit: q.limit,
    cursor: q.cursor,
    // the village is a filter only when the organization chose the partition
    filter: filterWhere({ status: q.status, villageId: q.organizationId ? q.villageId : undefined }),
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

export async function villagePairingItems(store: TenantStore, villageId: string): Promise<PairingItem[]> {
  const items = await store.queryAll<Record<string, unknown>>({
    pk: store.pk('VILLAGE', villageId),
    index: 'byVillage',
    skBeginsWith: 'PAIRING#',
  });
  return items.map(strip);
}

export function putNewPairingTx(store: TenantStore, p: Pairing): TxItem[] {
  return [
    {
      Put: {
        Item: {
          ...pairingKey(store, p.id),
          villagePk: store.pk('VILLAGE', p.villageId),
          villageSk: `PAIRING#${p.createdAt}#${p.id}`,
          orgPk: store.pk('ORG', p.organizationId),
          orgSk: `PAIRING#${p.createdAt}#${p.id}`,
          ...p,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      // rule 2: no duplicate pairing of one organization and village while one is pending or active
      Put: { Item: { ...guardKey(store, p.organizationId, p.villageId), pairingId: p.id }, ConditionExpression: 'attribute_not_exists(pk)' },
      failWith: AppError.conflict('该组织与该村已有待审核或生效中的结对', { reason: 'duplicate_pairing' }),
    },
    countTx(store, { pending: 1 }),
  ];
}

/** A status change, conditional on the status it comes from. */
export function transitionPairingTx(store: TenantStore, id: string, from: Pairing['status'], set: Partial<Pairing>, failWith: AppError): TxItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': from };
  const sets = Object.entries(set).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  return {
    Update: {
      Key: pairingKey(store, id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    failWith,
  };
}

export function releaseGuardTx(store: TenantStore, p: Pick<Pairing, 'organizationId' | 'villageId'>): TxItem {
  return { Delete: { Key: guardKey(store, p.organizationId, p.villageId) } };
}

export function countTx(store: TenantStore, by: Partial<Record<'pending' | 'active' | 'ended' | 'rejected', number>>): TxItem {
  const entries = Object.entries(by);
  return {
    Update: {
      Key: countersKey(store),
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])),
    },
  };
}

/**
 * Rule 2's limit as it was read (undefined = never set, the default applies): in the transaction of
 * an approval or an end, so neither commits against a limit the bureau changed meanwhile (the
 * dashboard's OVER_LIMIT map is rewritten together with the limit).
 */
export function tenantLimitUnchangedTx(store: TenantStore, limit: number | undefined, failWith: AppError): TxItem {
  return {
    ConditionCheck: {
      Key: tenantKey(store),
      ConditionExpression: limit === undefined ? 'attribute_not_exists(maxActivePairingsPerOrg)' : 'maxActivePairingsPerOrg = :l',
      ...(limit === undefined ? {} : { ExpressionAttributeValues: { ':l': limit } }),
    },
    failWith,
  };
}

/**
 * No pairing was approved or ended since `c` was read: approvals only raise active + ended, ends
 * only raise ended, so both unchanged means neither happened (for a recount of the organizations'
 * active pairings that must not miss one).
 */
export function noPairingMovedTx(store: TenantStore, c: { active: number; ended: number }, failWith: AppError): TxItem {
  // a count never moved is absent (read as 0)
  const is = (attr: 'active' | 'ended', n: string, v: string) => (c[attr] === 0 ? `(attribute_not_exists(${n}) OR ${n} = ${v})` : `${n} = ${v}`);
  return {
    ConditionCheck: {
      Key: countersKey(store),
      ConditionExpression: `${is('active', '#a', ':a')} AND ${is('ended', '#e', ':e')}`,
      ExpressionAttributeNames: { '#a': 'active', '#e': 'ended' },
      ExpressionAttributeValues: { ':a': c.active, ':e': c.ended },
    },
    failWith,
  };
}

export async function pairingCounts(store: TenantStore): Promise<Record<'pending' | 'active' | 'ended' | 'rejected', number>> {
  const k = countersKey(store);
  const c = (await store.get<Record<string, number>>(k.pk, k.sk)) ?? {};
  return { pending: c.pending ?? 0, active: c.active ?? 0, ended: c.ended ?? 0, rejected: c.rejected ?? 0 };
}

export type GapFlag = {
  kind: 'pairing_gap';
  villageId: string;
  villageName: string;
  endedOn: string;
  resumedOn: string;
  days: number;
  pairingId: string;
};

export function putGapFlagTx(store: TenantStore, flag: GapFlag): TxItem {
  return { Put: { Item: { ...gapKey(store, flag.villageId, flag.pairingId), ...flag } } };
}

export async function gapFlags(store: TenantStore): Promise<GapFlag[]> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('FLAG'), skBeginsWith: 'GAP#' });
  return items.map(({ pk: _p, sk: _s, ...rest }) => rest as GapFlag);
}

/** The organization's active pairing with the village, if any (through the rule-2 guard item). */
export async function activePairingOf(store: TenantStore, orgId: string, villageId: string): Promise<PairingItem | null> {
  const g = guardKey(store, orgId, villageId);
  const guard = await store.get<{ pairingId: string }>(g.pk, g.sk);
  if (!guard) return null;
  const pairing = await getPairingItem(store, guard.pairingId);
  return pairing?.status === 'active' ? pairing : null;
}

/** A transaction's check that a pairing is still active when the write lands. */
export function pairingStillActiveTx(store: TenantStore, id: string, failWith: AppError): TxItem {
  return {
    ConditionCheck: {
      Key: pairingKey(store, id),
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    },
    failWith,
  };
}

// Access pattern: villages whose last pairing ended and none took over yet (an open gap, rule 2),
// for the dashboard without reading every village → pk FLAG, sk GAPOPEN#<villageId>.
const openGapKey = (store: TenantStore, villageId: string) => ({ pk: store.pk('FLAG'), sk: `GAPOPEN#${villageId}` });

export type OpenGapFlag = { villageId: string; villageName: string; endedOn: string };

export function putOpenGapFlagTx(store: TenantStore, flag: OpenGapFlag): TxItem {
  return { Put: { Item: { ...openGapKey(store, flag.villageId), ...flag } } };
}

export function deleteOpenGapFlagTx(store: TenantStore, villageId: string): TxItem {
  return { Delete: { Key: openGapKey(store, villageId) } };
}

/** Open gaps, at most `limit` (the dashboard's). */
export async function openGapFlags(store: TenantStore, limit: number): Promise<OpenGapFlag[]> {
  const page = await store.query<Record<string, unknown>>({ pk: store.pk('FLAG'), skBeginsWith: 'GAPOPEN#', limit });
  return page.items.map(({ pk: _p, sk: _s, ...rest }) => rest as OpenGapFlag);
}

/** Closed gaps, at most `limit` (the dashboard's). */
export async function gapFlagsPage(store: TenantStore, limit: number): Promise<GapFlag[]> {
  const page = await store.query<Record<string, unknown>>({ pk: store.pk('FLAG'), skBeginsWith: 'GAP#', limit });
  return page.items.map(({ pk: _p, sk: _s, ...rest }) => rest as GapFlag);
}
