import type { DocumentClient } from '../../store/tenant-store.js';
import type { Mailer } from '../../adapters/mail.js';
import type { Locale } from '../../../shared/schemas/notifications.js';
import { ConditionFailed, globalStoreUnscoped, TenantStore } from '../../store/tenant-store.js';
import { AppError } from '../../errors.js';
import { listTenantSlugsUnscoped, type UserItem } from '../identity/store.js';
import { getOrderRecord } from '../orders/store.js';
import { storedFulfilmentsOf } from '../fulfilments/fulfilments.js';
import type { OutboxEvent } from '../outbox/outbox.js';
import { outboxKey, rescheduleOutboxTx } from '../outbox/store.js';
import { mailedKey, putNoteTx, settingsOf } from './store.js';
import { render } from './templates.js';
import { logger } from '../../adapters/logger.js';

/**
 * The outbox's worker: each pending notification goes to its recipients' bells and, where they
 * want it, to their email; then it leaves the outbox. Delivered at least once: a crash anywhere
 * leaves the item, and the next run (the local timer, the stream or the schedule on AWS) redoes
 * it. Done twice, it shows nothing twice (the bell's put is conditional) and sends nothing twice
 * (an email is claimed by a marker before it is sent and marked sent after; a claim whose sender
 * died is taken over after its lease, the one case a message can go twice, and then under the same
 * Message-ID, which mail clients fold into one).
 */
export type DeliveryDeps = {
  doc: DocumentClient;
  tableName: string;
  mailer: Mailer;
  /** the web app's origin for links in emails */
  publicUrl: string;
  clock: () => Date;
};

/** Notifications of one tenant delivered at once (the SMTP transport pools as many connections). */
export const DELIVERY_CONCURRENCY = 8;
/** Failed attempts before a notification is parked in OUTBOX_DEAD (logged, kept for a look). */
export const MAX_ATTEMPTS = 10;
/** How long a claimed email is left to its sender before another worker takes it over. */
export const MAIL_LEASE_MS = 2 * 60_000;
const MARKER_TTL_SECONDS = 30 * 86_400;

export type DeliveryResult = { delivered: number; failed: number; bells: number; emails: number };

type Recipient = { key: string; userId?: string; email: string; locale: Locale; wantsEmail: boolean; params?: OutboxEvent['params'] };

/** Every tenant's pending notifications (the local timer and the schedule's safety net). */
export async function deliverEverywhereUnscoped(deps: DeliveryDeps): Promise<DeliveryResult> {
  const total: DeliveryResult = { delivered: 0, failed: 0, bells: 0, emails: 0 };
  const global = globalStoreUnscoped(deps.doc, deps.tableName);
  let cursor: string | undefined;
  do {
    const page = await listTenantSlugsUnscoped(global, 100, cursor);
    for (const t of page.items) add(total, await deliverTenant(new TenantStore(deps.doc, deps.tableName, t.tenantId), deps));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return total;
}

function add(into: DeliveryResult, r: DeliveryResult) {
  into.delivered += r.delivered;
  into.failed += r.failed;
  into.bells += r.bells;
  into.emails += r.emails;
}

/** One tenant's pending notifications, oldest first, those due (not backing off). */
export async function deliverTenant(store: TenantStore, deps: DeliveryDeps, max = 500): Promise<DeliveryResult> {
  const out: DeliveryResult = { delivered: 0, failed: 0, bells: 0, emails: 0 };
  const now = deps.clock();
  const events = await store.queryAll<OutboxEvent & { pk: string; sk: string }>({ pk: store.pk('OUTBOX') }, max);
  if (events.length === 0) return out;
  const users = await usersOf(store);
  const due = events.filter((ev) => !(ev.nextAttemptAt && ev.nextAttemptAt > now.toISOString()));
  // several at once: each waits mostly on the database and the mail server, and each is independent
  // (its own markers); the order of emails was never promised
  let next = 0;
  const lanes = Array.from({ length: Math.min(DELIVERY_CONCURRENCY, due.length) }, async () => {
    while (next < due.length) add(out, await deliverEvent(store, deps, due[next++], users));
  });
  await Promise.all(lanes);
  return out;
}

/** One notification (the stream hands them one by one): delivered and removed, or rescheduled. */
export async function deliverEvent(store: TenantStore, deps: DeliveryDeps, ev: OutboxEvent, users?: UserItem[]): Promise<DeliveryResult> {
  const out: DeliveryResult = { delivered: 0, failed: 0, bells: 0, emails: 0 };
  try {
    const recipients = await recipientsOf(store, ev, users ?? (await usersOf(store)));
    for (const r of recipients) {
      const words = render(ev.kind, r.params ?? ev.params, r.locale, ev.link ? absolute(deps.publicUrl, ev.link) : undefined);
      if (r.userId) {
        try {
          await store.transact(
            putNoteTx(store, {
              id: ev.id,
              userId: r.userId,
              kind: ev.kind,
              title: words.title,
              body: words.body,
              ...(ev.link ? { link: ev.link } : {}),
              createdAt: ev.createdAt,
            }),
          );
          out.bells += 1;
        } catch (e) {
          if (!(e instanceof AppError && e.status === 409)) throw e; // already on the bell
        }
      }
      if (r.wantsEmail && (await sendOnce(store, deps, ev.id, r, words))) out.emails += 1;
    }
    await store.transact([{ Delete: { Key: outboxKey(store, ev.id) } }]);
    out.delivered += 1;
  } catch (e) {
    out.failed += 1;
    await reschedule(store, deps, ev, e);
  }
  return out;
}

async function sendOnce(
  store: TenantStore,
  deps: DeliveryDeps,
  id: string,
  r: Recipient,
  words: { title: string; text: string; html: string },
): Promise<boolean> {
  const k = mailedKey(store, id, r.key);
  const now = deps.clock();
  const expiresAt = Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS;
  try {
    // claim: nobody has it, or its sender's lease ran out without marking it sent
    await store.put(
      { ...k, state: 'sending', leaseUntil: new Date(now.getTime() + MAIL_LEASE_MS).toISOString(), expiresAt },
      {
        expression: 'attribute_not_exists(pk) OR (#st = :sending AND leaseUntil < :now)',
        names: { '#st': 'state' },
        values: { ':sending': 'sending', ':now': now.toISOString() },
      },
    );
  } catch (e) {
    if (!(e instanceof ConditionFailed)) throw e;
    if ((await store.get<{ state?: string }>(k.pk, k.sk))?.state === 'sent') return false; // sent before
    // another worker holds a live claim (the stream and the schedule at once): not done until it
    // marks it sent, so this delivery is retried later rather than dropping the outbox item now
    throw new Error('being sent by another worker', { cause: e });
  }
  try {
    await deps.mailer.send({ to: r.email, subject: words.title, text: words.text, html: words.html, idempotencyKey: `${id}.${r.key}`, locale: r.locale });
  } catch (e) {
    await store.transact([{ Delete: { Key: k } }]).catch(() => undefined); // free the claim: the retry sends
    throw e;
  }
  await store.put({ ...k, state: 'sent', sentAt: deps.clock().toISOString(), expiresAt });
  return true;
}

async function reschedule(store: TenantStore, deps: DeliveryDeps, ev: OutboxEvent, error: unknown) {
  const attempts = (ev.attempts ?? 0) + 1;
  logger.error('notification delivery failed', { id: ev.id, tenantId: store.tenantId, kind: ev.kind, attempts, error });
  const { pk: _p, sk: _s, ...rest } = ev as OutboxEvent & { pk?: string; sk?: string };
  if (attempts >= MAX_ATTEMPTS) {
    await store
      .transact([
        { Put: { Item: { pk: store.pk('OUTBOX_DEAD'), sk: ev.id, ...rest, attempts, error: String(error) } } },
        { Delete: { Key: outboxKey(store, ev.id) } },
      ])
      .catch(() => undefined);
    return;
  }
  const backoffMs = Math.min(3600_000, 5_000 * 2 ** (attempts - 1));
  await store.transact([rescheduleOutboxTx(store, ev.id, attempts, new Date(deps.clock().getTime() + backoffMs).toISOString())]).catch(() => undefined);
}

const absolute = (origin: string, link: string) => (/^https?:\/\//.test(link) ? link : origin.replace(/\/+$/, '') + link);

async function usersOf(store: TenantStore): Promise<UserItem[]> {
  return store.queryAll<UserItem>({ pk: store.pk('USER') }, 5000);
}

async function recipientsOf(store: TenantStore, ev: OutboxEvent, users: UserItem[]): Promise<Recipient[]> {
  const a = ev.audience;
  if (a.to === 'email') return [{ key: `e:${a.email}`, email: a.email, locale: a.locale ?? 'zh-CN', wantsEmail: true }];
  const live = users.filter((u) => !u.disabled);
  if (a.to === 'sellers') {
    // a paid order: each parcel's seller, with its own lines and amount (never another seller's)
    const order = await getOrderRecord(store, a.orderId);
    if (!order) return [];
    const out: Recipient[] = [];
    for (const f of storedFulfilmentsOf(order)) {
      const sellers = live.filter((u) => (f.sellerOrganizationId ? u.organizationId === f.sellerOrganizationId : u.role === 'bureau_admin'));
      const params = { orderId: order.id, amountFen: f.totalFen, lines: f.lines.map((l) => `${l.name} × ${l.quantity}`).join('、') };
      out.push(...(await asRecipients(store, ev, sellers, params)));
    }
    return out;
  }
  const chosen =
    a.to === 'bureau'
      ? live.filter((u) => u.role === 'bureau_admin')
      : a.to === 'organization'
        ? live.filter((u) => u.organizationId === a.organizationId)
        : live.filter((u) => u.id === a.userId);
  return asRecipients(store, ev, chosen);
}

async function asRecipients(store: TenantStore, ev: OutboxEvent, users: UserItem[], params?: OutboxEvent['params']): Promise<Recipient[]> {
  const out: Recipient[] = [];
  const all = await settingsOf(
    store,
    users.map((u) => u.id),
  );
  for (const u of users) {
    const settings = all.get(u.id)!;
    const optional = (settings.email as Record<string, boolean | undefined>)[ev.kind];
    out.push({ key: `u:${u.id}`, userId: u.id, email: u.email, locale: settings.locale, wantsEmail: optional !== false, ...(params ? { params } : {}) });
  }
  return out;
}
