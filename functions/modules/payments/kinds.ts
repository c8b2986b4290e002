import type { Payments, SessionObject } from '../../adapters/payments/port.js';
import type { AuditedEntity } from '../../../shared/schemas/audit.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/** What a payment-event handler works with: the tenant named in the session's metadata, now, the
 * payments adapter (refunds), the Put that records the event id, and `audit`, the audit event of a
 * change by the payment provider (naming the event) — both to add to the change's transaction. */
export type WebhookContext = {
  store: TenantStore;
  now: Date;
  payments: Payments;
  recordEvent: TxItem;
  audit: (entity: AuditedEntity, entityId: string, action: string, before: unknown, after: unknown) => TxItem;
};

/**
 * One kind of thing paid through Stripe Checkout (metadata.kind): 'order' here, 'donation' next.
 * The webhook dispatches on it, so a new kind plugs in without touching the signature checks,
 * the event log or the local checkout page.
 */
export type PaymentKind = {
  /** checkout.session.completed (and async_payment_succeeded): the money arrived */
  completed(ctx: WebhookContext, session: SessionObject): Promise<string>;
  /** checkout.session.expired: nobody paid before the session ended (or the buyer cancelled) */
  expired(ctx: WebhookContext, session: SessionObject): Promise<string>;
  /** the buyer pressed Cancel: the session's coming expiry is a cancellation */
  cancelRequested(store: TenantStore, refId: string, now: Date): Promise<void>;
};

export type PaymentKinds = Record<string, PaymentKind>;
