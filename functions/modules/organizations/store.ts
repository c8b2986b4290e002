import type { Organization } from '../../../shared/schemas/organizations.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { AppError } from '../../errors.js';
import { filterWhere } from '../../store/filters.js';

export type OrganizationItem = Organization;

// Access pattern: an organization by id, and all of a tenant's organizations → pk ORG, sk <id>.
export const orgKey = (store: TenantStore, id: string) => ({ pk: store.pk('ORG'), sk: id });
// Access pattern: is this credit code taken in the tenant? → pk CREDITCODE, sk <code>.
const creditCodeKey = (store: TenantStore, code: string) => ({ pk: store.pk('CREDITCODE'), sk: code });

export async function getOrganizationItem(store: TenantStore, id: string): Promise<OrganizationItem | null> {
  const item = await store.get<OrganizationItem & { pk: string }>(orgKey(store, id).pk, id);
  return item ? strip(item) : null;
}

export function strip<T extends Record<string, unknown>>(item: T): T {
  const { pk: _p, sk: _s, ...rest } = item;
  return rest as T;
}

export async function listOrganizationItems(store: TenantStore, q: { status?: string; kind?: string; limit: number; cursor?: string }) {
  const page = await store.query<OrganizationItem & { pk: string }>({
    pk: store.pk('ORG'),
    limit: q.limit,
    cursor: q.cursor,
    filter: filterWhere({ status: q.status, kind: q.kind }),
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

/** Every organization of the tenant (with `status`, of that status only), 100 a page, at most `max`. */
export async function listAllOrganizationItems(store: TenantStore, q: { status?: string; max?: number } = {}): Promise<OrganizationItem[]> {
  const out: OrganizationItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOrganizationItems(store, { limit: 100, status: q.status, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < (q.max ?? 100_000));
  return out;
}

/** Writes the whole record; an update is conditional on nothing having changed since it was read
 * (the active-pairing counter included, which pairings move in their own transactions). */
export function putOrganizationTx(store: TenantStore, org: OrganizationItem, condition: 'new' | { updatedAt: string; activePairings: number }): TxItem {
  return {
    Put: {
      Item: { ...orgKey(store, org.id), ...org },
      ...(condition === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'updatedAt = :prev AND activePairings = :ap',
            ExpressionAttributeValues: { ':prev': condition.updatedAt, ':ap': condition.activePairings },
          }),
    },
    failWith: AppError.conflict('组织已被他人修改，请刷新后重试'),
  };
}

export function claimCreditCodeTx(store: TenantStore, code: string, orgId: string): TxItem {
  return {
    Put: { Item: { ...creditCodeKey(store, code), organizationId: orgId }, ConditionExpression: 'attribute_not_exists(pk)' },
    failWith: AppError.conflict('该统一社会信用代码已登记', [{ path: 'creditCode', code: 'duplicate', message: '该统一社会信用代码已登记' }]),
  };
}

export function releaseCreditCodeTx(store: TenantStore, code: string): TxItem {
  return { Delete: { Key: creditCodeKey(store, code) } };
}

/** Changes the active-pairing counter, guarded by the tenant's limit when it goes up (rule 2). */
export function bumpActivePairingsTx(store: TenantStore, orgId: string, by: 1 | -1, limit: number, failWith: AppError, activeAsRead?: number): TxItem {
  // `activeAsRead` (a decrement): only if the count is still the one read (no approval or end landed since)
  const asRead =
    activeAsRead === undefined
      ? ''
      : activeAsRead === 0
        ? ' AND (attribute_not_exists(activePairings) OR activePairings = :read)'
        : ' AND activePairings = :read';
  return {
    Update: {
      Key: orgKey(store, orgId),
      UpdateExpression: 'SET activePairings = if_not_exists(activePairings, :zero) + :by',
      ConditionExpression:
        by > 0 ? 'attribute_exists(pk) AND (attribute_not_exists(activePairings) OR activePairings < :limit)' : `attribute_exists(pk)${asRead}`,
      ExpressionAttributeValues: {
        ':zero': 0,
        ':by': by,
        ...(by > 0 ? { ':limit': limit } : {}),
        ...(by < 0 && activeAsRead !== undefined ? { ':read': activeAsRead } : {}),
      },
    },
    failWith,
  };
}

/** A transaction's check that an organization is still approved when the write lands. */
export function organizationStillApprovedTx(store: TenantStore, id: string, failWith: AppError): TxItem {
  return {
    ConditionCheck: {
      Key: orgKey(store, id),
      ConditionExpression: '#status = :approved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':approved': 'approved' },
    },
    failWith,
  };
}

/** Organizations' names by id, in one batch read (ids not found are left out). */
export async function organizationNames(store: TenantStore, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const items = await store.getMany<{ sk: string; name: string }>([...new Set(ids)].map((id) => orgKey(store, id)));
  return new Map(items.map((i) => [i.sk, i.name]));
}
