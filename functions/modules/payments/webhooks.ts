import type Stripe from 'stripe';
import type { Payments, SessionObject } from '../../adapters/payments/port.js';
import { AppError } from '../../errors.js';
import { ConditionFailed, TenantStore } from '../../store/tenant-store.js';
import { auditPutBy, paymentProviderActor } from '../audit/store.js';
import { getTenant } from '../tenant/store.js';
import type { PaymentKinds, WebhookContext } from './kinds.js';
import { eventKey, recordStripeEventTx } from './store.js';

/** The events that move something; every other type is acknowledged and ignored. */
const HANDLED = {
  'checkout.session.completed': 'completed',
  'checkout.session.async_payment_succeeded': 'completed',
  'checkout.session.expired': 'expired',
} as const;

/** A marker the event-record Put fails with when a concurrent delivery of the same event won. */
class DuplicateDelivery extends AppError {
  constructor() {
    super('conflict', 409, 'duplicate delivery');
  }
}

export type WebhookOutcome = { received: true; outcome: string };

/**
 * Handles one verified Stripe event. Unscoped: the tenant is found from the event's own metadata
 * (set by us when the session was made, and proven ours by the signature). The event id is
 * recorded with a conditional put — in the same transaction as the change it makes — so a replay
 * is acknowledged and does nothing; the change itself is conditional on the states it may come
 * from, so events late or out of order are safe too.
 */
export async function handleStripeEventUnscoped(
  deps: { doc: TenantStore['doc']; tableName: string; payments: Payments; now: Date },
  kinds: PaymentKinds,
  event: Stripe.Event,
): Promise<WebhookOutcome> {
  const action = HANDLED[event.type as keyof typeof HANDLED];
  if (!action) return { received: true, outcome: 'ignored_type' };
  const session = event.data.object as unknown as SessionObject;
  const kind = kinds[session.metadata?.kind ?? ''];
  const tenantId = session.metadata?.tenantId ?? '';
  if (!kind || !/^[A-Za-z0-9_-]{1,64}$/.test(tenantId) || tenantId.startsWith('_')) return { received: true, outcome: 'ignored_metadata' };
  const store = new TenantStore(deps.doc, deps.tableName, tenantId);
  if (!(await getTenant(store))) return { received: true, outcome: 'ignored_tenant' };

  const k = eventKey(store, event.id);
  if (await store.get(k.pk, k.sk)) return { received: true, outcome: 'replay' };
  const record = { ...k, type: event.type, sessionId: session.id, receivedAt: deps.now.toISOString() };
  const ctx: WebhookContext = {
    store,
    now: deps.now,
    payments: deps.payments,
    recordEvent: recordStripeEventTx(record, new DuplicateDelivery()),
    audit: (entity, id, action, before, after) =>
      auditPutBy({ store, now: deps.now, actor: paymentProviderActor(event.id) }, entity, id, action, before, after),
  };
  let outcome: string;
  try {
    outcome = await kind[action](ctx, session);
  } catch (e) {
    if (e instanceof DuplicateDelivery) return { received: true, outcome: 'replay' };
    throw e;
  }
  // a no-op (order already moved on) wrote nothing: record the event now, once
  try {
    await store.put({ ...record, outcome }, { expression: 'attribute_not_exists(pk)' });
  } catch (e) {
    if (!(e instanceof ConditionFailed)) throw e;
  }
  return { received: true, outcome };
}
