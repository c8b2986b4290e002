import type { OrganizationChange } from '../../../shared/schemas/organizations.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { strip } from './store.js';

/**
 * Change requests of organizations' identity fields, and the name rule every rename
 * keeps. Imported by the api bundle (a member's PATCH makes a request): kept small; the bureau's
 * list and decisions are in changes.ts, served by the ledger function.
 */

// Access pattern: a tenant's change requests, newest first (an organization's by filter) → pk ORGCHANGE, sk <id>.
export const changeKey = (store: TenantStore, id: string) => ({ pk: store.pk('ORGCHANGE'), sk: id });
// Access pattern: the one open request of an organization → pk ORGCHANGE_OPEN, sk <organizationId>.
export const openChangeKey = (store: TenantStore, orgId: string) => ({ pk: store.pk('ORGCHANGE_OPEN'), sk: orgId });
// Access pattern: who renamed itself to this name (serializes renames) → pk ORGNAME, sk <name key>.
const nameClaimKey = (store: TenantStore, name: string) => ({ pk: store.pk('ORGNAME'), sk: nameKey(name) });

/** Names compare without spaces, case or full-/half-width differences: 「阳光 学校」 is 「阳光学校」. */
export const nameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export async function getChange(store: TenantStore, id: string): Promise<OrganizationChange | null> {
  const item = await store.get<OrganizationChange & { pk: string; sk: string }>(changeKey(store, id).pk, id);
  return item ? strip(item) : null;
}

/** The organization's pending request, if any. */
export async function openChange(store: TenantStore, orgId: string): Promise<OrganizationChange | null> {
  const k = openChangeKey(store, orgId);
  const open = await store.get<{ changeId: string }>(k.pk, k.sk);
  return open ? getChange(store, open.changeId) : null;
}

/** Writes a request; `from` is the status it must still have (none: a new one). */
export function putChangeTx(store: TenantStore, change: OrganizationChange, from?: OrganizationChange['status']): TxItem {
  return {
    Put: {
      Item: { ...changeKey(store, change.id), ...change },
      ...(from
        ? { ConditionExpression: '#s = :from', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':from': from } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
    failWith: changed(),
  };
}

/** Points the organization's open request at `changeId` (null: none open); `was` is the one it must replace. */
export function setOpenTx(store: TenantStore, orgId: string, changeId: string | null, was: string | null): TxItem {
  const failWith = changed();
  const cond = was
    ? { ConditionExpression: 'changeId = :was', ExpressionAttributeValues: { ':was': was } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  if (changeId) return { Put: { Item: { ...openChangeKey(store, orgId), changeId }, ...cond }, failWith };
  return { Delete: { Key: openChangeKey(store, orgId), ...cond }, failWith };
}

const changed = () => AppError.conflict('变更申请已有变化，请刷新后重试');
const TAKEN = '该组织名称已被其他组织使用';
export const nameTaken = () => AppError.conflict(TAKEN, [{ path: 'name', code: 'duplicate', message: TAKEN }]);

/**
 * No two organizations of a tenant may end up with the same name by a rename: 409 when
 * another holds it. The read covers every organization (including those registered before this
 * rule); the claims `renameTx` moves make two renames racing to one name fail in their transactions.
 */
export async function assertNameFree(store: TenantStore, name: string, selfId: string): Promise<void> {
  const key = nameKey(name);
  const all = await store.queryAll<{ id: string; name: string }>({ pk: store.pk('ORG') }, 100_000);
  if (all.some((o) => o.id !== selfId && nameKey(o.name) === key)) throw nameTaken();
}

/** The transaction items of a rename: claim the new name, release the old one's claim if it is ours. */
export async function renameTx(store: TenantStore, orgId: string, from: string, to: string): Promise<TxItem[]> {
  const tx: TxItem[] = [];
  if (nameKey(from) === nameKey(to)) return tx;
  tx.push({
    Put: {
      Item: { ...nameClaimKey(store, to), organizationId: orgId },
      ConditionExpression: 'attribute_not_exists(pk) OR organizationId = :me',
      ExpressionAttributeValues: { ':me': orgId },
    },
    failWith: nameTaken(),
  });
  const old = nameClaimKey(store, from);
  const held = await store.get<{ organizationId: string }>(old.pk, old.sk);
  if (held?.organizationId === orgId) {
    tx.push({ Delete: { Key: old, ConditionExpression: 'organizationId = :me', ExpressionAttributeValues: { ':me': orgId } } });
  }
  return tx;
}
