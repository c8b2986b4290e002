import type { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { orgKey } from '../organizations/store.js';
import type { PayoutRecord } from './payouts.js';

// Access pattern: a payout by id, and all of a tenant's payouts newest first → pk PAYOUT, sk <id>.
export const payoutKey = (store: TenantStore, id: string) => ({ pk: store.pk('PAYOUT'), sk: id });
// Access pattern: one organization's payouts newest first → pk ORG_PAYOUT#<orgId>, sk <id>.
export const orgPayoutKey = (store: TenantStore, orgId: string, id: string) => ({ pk: store.pk('ORG_PAYOUT', orgId), sk: id });

// Access pattern: has this request (its caller and Idempotency-Key) made a payout? → pk PAYOUT_REQUEST,
// sk <userId>#<key>: a retry after a failure finds the payout it made, rather than paying twice.
export const requestKey = (store: TenantStore, userId: string, key: string) => ({ pk: store.pk('PAYOUT_REQUEST'), sk: `${userId}#${key}` });

/**
 * A new payout and its organization's index entry, after the request's claim when it has one: the
 * claim goes first, so a retry is known as one (`seen`) before the owed condition (which its first
 * try used up) refuses it.
 */
export function putPayoutTx(store: TenantStore, p: PayoutRecord, claim: { pk: string; sk: string } | null, seen: AppError): TxItem[] {
  return [
    ...(claim ? [{ Put: { Item: { ...claim, payoutId: p.id }, ConditionExpression: 'attribute_not_exists(pk)' }, failWith: seen }] : []),
    { Put: { Item: { ...payoutKey(store, p.id), ...p }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { Item: { ...orgPayoutKey(store, p.organizationId, p.id), payoutId: p.id, month: p.month } } },
  ];
}

/** A payout taken back (its Stripe transfer refused): only while still pending; its index entry with it. */
export function withdrawPayoutTx(store: TenantStore, p: Pick<PayoutRecord, 'id' | 'organizationId'>): TxItem[] {
  return [
    {
      Delete: {
        Key: payoutKey(store, p.id),
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      },
    },
    { Delete: { Key: orgPayoutKey(store, p.organizationId, p.id) } },
  ];
}

/** A payout paid by its Stripe transfer. */
export function markPayoutPaidTx(store: TenantStore, id: string, transferId: string): TxItem {
  return {
    Update: {
      Key: payoutKey(store, id),
      UpdateExpression: 'SET #s = :paid, transferId = :t',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':paid': 'paid', ':t': transferId },
    },
  };
}

/** Points an existing payout at its (new) evidence file. */
export function setPayoutEvidenceTx(store: TenantStore, id: string, fileId: string): TxItem {
  return {
    Update: {
      Key: payoutKey(store, id),
      UpdateExpression: 'SET evidenceFileId = :f',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':f': fileId },
    },
  };
}

/** An existing organization's Stripe connected account (null: none), paid by stripe_transfer. */
export function setStripeAccountTx(store: TenantStore, organizationId: string, stripeAccountId: string | null, at: string): TxItem {
  return {
    Update: {
      Key: orgKey(store, organizationId),
      UpdateExpression: 'SET stripeAccountId = :a, updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':a': stripeAccountId, ':at': at },
    },
  };
}
