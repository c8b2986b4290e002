import type { Concern, ConcernStatus } from '../../../shared/schemas/concerns.js';
import type { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

// Access pattern: a concern by id, and the tenant's concerns newest first → pk CONCERN, sk <id>.
export const concernKey = (store: TenantStore, id: string) => ({ pk: store.pk('CONCERN'), sk: id });
// Counts shown publicly: a village's in its FUNDS item; an organization's in COUNTERS/CONCERNS_ORG.
export const countKey = (store: TenantStore, villageId: string | null) =>
  villageId ? { pk: store.pk('FUNDS'), sk: villageId } : { pk: store.pk('COUNTERS'), sk: 'CONCERNS_ORG' };

// Access pattern: the ticket numbers of a day → pk CONCERN_TICKET_SEQ, sk <YYYYMMDD>, n ADDed per concern.
// Access pattern: a concern by its ticket number (console search) → pk CONCERN_TICKET, sk <ticketNo>.
export const ticketKey = (store: TenantStore, ticketNo: string) => ({ pk: store.pk('CONCERN_TICKET'), sk: ticketNo });

/** Adds `by` to a public concern count: the village's, or the organizations' (villageId null). */
export function countTx(store: TenantStore, villageId: string | null, attr: 'concernsReceived' | 'concernsResolved', by: number): TxItem {
  return { Update: { Key: countKey(store, villageId), UpdateExpression: `ADD ${attr} :b`, ExpressionAttributeValues: { ':b': by } } };
}

/** A new concern (with its status token's hash) and its ticket number's lookup item; neither may exist yet. */
export function putConcernTx(store: TenantStore, concern: Concern, statusTokenHash: string): TxItem[] {
  return [
    { Put: { Item: { ...concernKey(store, concern.id), ...concern, statusTokenHash }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { Item: { ...ticketKey(store, concern.ticketNo!), concernId: concern.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

/**
 * Replaces a concern with `after`, keeping its status token's hash, only while it is still what
 * was read (`expected`: same status, same updatedAt); a concurrent change fails with `failWith`.
 */
export function replaceConcernTx(
  store: TenantStore,
  id: string,
  after: Concern,
  statusTokenHash: string | undefined,
  expected: { status: ConcernStatus; updatedAt: string },
  failWith: AppError,
): TxItem {
  return {
    Put: {
      Item: { ...concernKey(store, id), ...after, ...(statusTokenHash !== undefined ? { statusTokenHash } : {}) },
      ConditionExpression: '#st = :from AND updatedAt = :prev',
      ExpressionAttributeNames: { '#st': 'status' },
      ExpressionAttributeValues: { ':from': expected.status, ':prev': expected.updatedAt },
    },
    failWith,
  };
}
