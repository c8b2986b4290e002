import type { Locale, NotificationKind } from '../../../shared/schemas/notifications.js';
import { newId } from '../../store/ids.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { putOutboxTx } from './store.js';

/**
 * The notification outbox. A change that tells someone something puts one OUTBOX item
 * in its own transaction (`notifyTx`): the change and the notification commit together or not at
 * all. The worker (worker.ts: a timer locally, the table's stream and a schedule on AWS) delivers
 * each at least once, to the bell and to email, and deletes it; its markers make a redelivery send
 * nothing twice. Kept tiny: every service that notifies imports it into the api bundle.
 */

/** Who a notification is for: resolved to users (or an outside email) when it is delivered. */
export type Audience =
  | { to: 'bureau' }
  | { to: 'organization'; organizationId: string }
  | { to: 'user'; userId: string }
  /** each seller of a paid order, about its own parcel: an organization's members, or the bureau for its own listings */
  | { to: 'sellers'; orderId: string }
  | { to: 'email'; email: string; locale?: Locale };

/** Values a template fills in: names, amounts in fen, dates, ids. */
export type NotifyParams = Record<string, string | number | null | undefined>;

export type OutboxEvent = {
  id: string;
  tenantId: string;
  kind: NotificationKind;
  audience: Audience;
  params: NotifyParams;
  /** the web path it is about (console or public page), made absolute for email */
  link?: string;
  createdAt: string;
  /** delivery attempts that failed (the worker backs off) */
  attempts?: number;
  nextAttemptAt?: string;
};

/** A notification, put in the transaction of the change that causes it. */
export function notifyTx(
  ctx: { store: TenantStore; now: Date },
  kind: NotificationKind,
  audience: Audience,
  params: NotifyParams,
  opts: { link?: string; id?: string } = {},
): TxItem {
  const event: OutboxEvent = {
    id: opts.id ?? newId('ntf'),
    tenantId: ctx.store.tenantId,
    kind,
    audience,
    params,
    ...(opts.link ? { link: opts.link } : {}),
    createdAt: ctx.now.toISOString(),
  };
  return putOutboxTx(ctx.store, event);
}

/** A contact that is an email address (a concern's contact may be a phone number). */
export const emailOf = (contact: string | null | undefined): string | null =>
  contact && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.trim()) ? contact.trim().toLowerCase() : null;
