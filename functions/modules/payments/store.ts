import type { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/** The records a checkout session pays for, by their partition (orders/store.ts, donations/store.ts). */
export type PaidEntity = 'ORDER' | 'DONATION';

/** The checkout session's id on the record it pays for. */
export function setSessionIdTx(store: TenantStore, entity: PaidEntity, id: string, sessionId: string): TxItem {
  return { Update: { Key: { pk: store.pk(entity), sk: id }, UpdateExpression: 'SET sessionId = :s', ExpressionAttributeValues: { ':s': sessionId } } };
}

// Access pattern: has this Stripe event been handled? → pk STRIPE_EVENT, sk <eventId> (in the
// tenant the event's metadata names).
export const eventKey = (store: TenantStore, id: string) => ({ pk: store.pk('STRIPE_EVENT'), sk: id });

/** The Stripe event's record (keyed by eventKey), in the transaction of the change it makes: a concurrent delivery of the same event fails with `failWith`. */
export function recordStripeEventTx(record: { pk: string; sk: string } & Record<string, unknown>, failWith: AppError): TxItem {
  return { Put: { Item: record, ConditionExpression: 'attribute_not_exists(pk)' }, failWith };
}
