import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Stripe from 'stripe';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { globalStoreUnscoped, type TenantStore } from '../../store/tenant-store.js';
import type { Clock } from '../clock.js';
import { stripeSdk } from './stripe-sdk.js';
import { WEBHOOK_TOLERANCE_SECONDS, type NewCheckoutSession, type Payments, type SessionObject } from './port.js';

/**
 * The local webhook signing secret: generated once into DATA_DIR (like the identity key), so
 * events signed before a restart still verify after it.
 */
export async function loadLocalWebhookSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'payments', 'webhook-secret');
  try {
    const secret = (await readFile(file, 'utf8')).trim();
    if (secret.startsWith('whsec_') && secret.length > 20) return secret;
  } catch {
    // not there yet
  }
  const secret = `whsec_local_${randomBytes(24).toString('hex')}`;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

export type LocalSessionStatus = 'open' | 'complete' | 'expired';

/** A local checkout session: what Stripe would keep for a hosted checkout page. */
export type LocalSession = {
  sessionId: string;
  kind: string;
  tenantId: string;
  tenantSlug: string;
  refId: string;
  amountFen: number;
  expiresAt: string;
  status: LocalSessionStatus;
  successUrl: string;
  cancelUrl: string;
  page: Record<string, unknown>;
  /** the events delivered for it, so pressing a button twice re-delivers the same event */
  completedEventId?: string;
  expiredEventId?: string;
  paymentIntent?: string;
  createdAt: string;
};

// Access pattern: a local checkout session by id, before the tenant is known (the page has only the
// session id) → global pk CHECKOUT_SESSION, sk <sessionId>.
const sessionKey = (g: TenantStore, id: string) => ({ pk: g.globalPk('CHECKOUT_SESSION'), sk: id });

/**
 * Payments without a Stripe key: sessions kept in the table, a checkout page in the web app at
 * `<origin>/checkout/<sessionId>`, and Pay / Cancel that make Stripe-shaped events signed with the
 * local secret by the stripe SDK itself (functions/modules/payments/local-checkout-routes.ts delivers them).
 */
export class LocalPayments implements Payments {
  readonly mode = 'local' as const;
  private readonly global: TenantStore;

  constructor(
    doc: DynamoDBDocumentClient,
    tableName: string,
    readonly webhookSecret: string,
    private readonly clock: Clock,
  ) {
    if (!webhookSecret) throw new Error('the local webhook secret is missing');
    this.global = globalStoreUnscoped(doc, tableName);
  }

  async createCheckoutSession(s: NewCheckoutSession) {
    const sessionId = `cs_local_${randomBytes(18).toString('hex')}`;
    const session: LocalSession = {
      sessionId,
      kind: s.kind,
      tenantId: s.tenantId,
      tenantSlug: s.tenantSlug,
      refId: s.refId,
      amountFen: s.amountFen,
      expiresAt: s.expiresAt.toISOString(),
      status: 'open',
      successUrl: s.successUrl,
      cancelUrl: s.cancelUrl,
      page: s.page,
      createdAt: this.clock().toISOString(),
    };
    await this.global.put({ ...sessionKey(this.global, sessionId), ...session }, { expression: 'attribute_not_exists(pk)' });
    return { sessionId, url: `${s.origin}/checkout/${sessionId}` };
  }

  async getSessionUnscoped(sessionId: string): Promise<LocalSession | null> {
    if (!/^cs_local_[0-9a-f]{36}$/.test(sessionId)) return null;
    const k = sessionKey(this.global, sessionId);
    const item = await this.global.get<LocalSession & { pk: string; sk: string }>(k.pk, k.sk);
    if (!item) return null;
    const { pk: _p, sk: _s, ...session } = item;
    return session;
  }

  /** open → complete or expired, once; false when the session was no longer open. */
  async closeSessionUnscoped(sessionId: string, to: 'complete' | 'expired', eventId: string, paymentIntent?: string): Promise<boolean> {
    const k = sessionKey(this.global, sessionId);
    return this.global.updateIf(k, {
      set: `SET #status = :to, ${to === 'complete' ? 'completedEventId' : 'expiredEventId'} = :evt${paymentIntent ? ', paymentIntent = :pi' : ''}`,
      condition: '#status = :open',
      names: { '#status': 'status' },
      values: { ':to': to, ':open': 'open', ':evt': eventId, ...(paymentIntent ? { ':pi': paymentIntent } : {}) },
    });
  }

  async expireCheckoutSession(_sessionId: string): Promise<void> {
    // the local page's Cancel button expires its session itself and delivers the event
  }

  async refund(paymentRef: string, _amountFen: number, _metadata: Record<string, string>, _idempotencyKey: string) {
    // no money moved locally: the refund is the order's own transition
    return { refundId: `re_local_${paymentRef.slice(-12)}_${randomBytes(6).toString('hex')}` };
  }

  async paymentFee(_paymentRef: string): Promise<number | null> {
    return null; // no provider: the tenant's fee rate applies
  }

  async transfer(): Promise<{ transferId: string }> {
    throw new Error('no Stripe key: transfers need Stripe'); // the payouts service refuses before this
  }

  verifyWebhook(rawBody: string, signature: string): Stripe.Event {
    return stripeSdk().webhooks.constructEvent(rawBody, signature, this.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
  }

  /** A Stripe-shaped checkout.session.* event for a local session, and its signature header. */
  signedEvent(session: LocalSession, type: 'checkout.session.completed' | 'checkout.session.expired', eventId: string, paymentIntent?: string) {
    const object: SessionObject & Record<string, unknown> = {
      id: session.sessionId,
      object: 'checkout.session',
      metadata: { tenantId: session.tenantId, kind: session.kind, [`${session.kind}Id`]: session.refId },
      payment_status: type === 'checkout.session.completed' ? 'paid' : 'unpaid',
      status: type === 'checkout.session.completed' ? 'complete' : 'expired',
      amount_total: session.amountFen,
      currency: 'cny',
      payment_intent: paymentIntent ?? null,
      livemode: false,
    };
    const event = {
      id: eventId,
      object: 'event',
      type,
      api_version: null,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object },
    };
    const payload = JSON.stringify(event);
    const header = stripeSdk().webhooks.generateTestHeaderString({ payload, secret: this.webhookSecret });
    return { payload, header };
  }
}
