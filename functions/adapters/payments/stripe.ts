import type Stripe from 'stripe';
import { stripeSdk } from './stripe-sdk.js';
import { WEBHOOK_TOLERANCE_SECONDS, type NewCheckoutSession, type Payments } from './port.js';

/** Stripe's own floor for a Checkout Session's expires_at: 30 minutes after it is created. */
export const STRIPE_MIN_TTL_SECONDS = 1800;

export type StripeSettings = { secretKey: string; webhookSecret: string; client?: Stripe };

/**
 * Payments with STRIPE_SECRET_KEY: Stripe Checkout Sessions in CNY (card, Alipay, WeChat Pay),
 * expiring with the holds; refunds through the same SDK; webhooks verified with the endpoint secret.
 */
export class StripePayments implements Payments {
  readonly mode = 'stripe' as const;
  private client: Stripe | undefined;
  private readonly secretKey: string;
  private readonly webhookSecret: string;

  constructor(settings: StripeSettings) {
    if (!settings.secretKey) throw new Error('STRIPE_SECRET_KEY is empty');
    if (!settings.webhookSecret) throw new Error('STRIPE_WEBHOOK_SECRET is empty: webhooks could not be verified');
    this.client = settings.client;
    this.secretKey = settings.secretKey;
    this.webhookSecret = settings.webhookSecret;
  }

  /** The SDK's client, made on the first call that needs Stripe (stripe-sdk.ts: not at cold start). */
  private get stripe(): Stripe {
    return (this.client ??= new (stripeSdk())(this.secretKey, { maxNetworkRetries: 2, timeout: 8000 }));
  }

  async createCheckoutSession(s: NewCheckoutSession) {
    const session = await this.stripe.checkout.sessions.create({
      mode: 'payment',
      currency: 'cny',
      // card, Alipay and WeChat Pay (this SDK's API version names the list allowed_payment_method_types;
      // it replaced payment_method_types on Checkout Sessions)
      allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
      // WeChat Pay on a web page shows its QR code (Stripe requires the client to be named)
      payment_method_options: { wechat_pay: { client: 'web' } },
      line_items: s.lines.map((l) => ({
        quantity: l.quantity,
        price_data: { currency: 'cny', unit_amount: l.unitAmountFen, product_data: { name: l.name } },
      })),
      expires_at: Math.floor(s.expiresAt.getTime() / 1000),
      success_url: s.successUrl,
      cancel_url: s.cancelUrl,
      client_reference_id: s.refId,
      metadata: { tenantId: s.tenantId, kind: s.kind, [`${s.kind}Id`]: s.refId },
      payment_intent_data: { metadata: { tenantId: s.tenantId, kind: s.kind, [`${s.kind}Id`]: s.refId } },
    });
    if (!session.url) throw new Error(`Stripe returned no URL for session ${session.id}`);
    return { sessionId: session.id, url: session.url };
  }

  async expireCheckoutSession(sessionId: string): Promise<void> {
    await this.stripe.checkout.sessions.expire(sessionId);
  }

  async refund(paymentRef: string, amountFen: number, metadata: Record<string, string>, idempotencyKey: string) {
    try {
      const refund = await this.stripe.refunds.create({ payment_intent: paymentRef, amount: amountFen, metadata }, { idempotencyKey });
      return { refundId: refund.id };
    } catch (e) {
      // a retry after Stripe forgot the idempotency key (~24 h): the charge was refunded then, so
      // that refund is the answer, not an error the caller can never get past
      if ((e as { code?: string }).code !== 'charge_already_refunded') throw e;
      const earlier = await this.stripe.refunds.list({ payment_intent: paymentRef, limit: 10 });
      const same = earlier.data.find((r) => r.status !== 'failed' && r.status !== 'canceled' && r.amount === amountFen);
      if (!same) throw e;
      return { refundId: same.id };
    }
  }

  /**
   * The fee of the payment's charge, from its balance transaction. Stripe keeps it in the account's
   * settlement currency: a CNY one is taken as it is, another is converted back to fen with the
   * transaction's own exchange rate. Null while the balance transaction is not there yet.
   */
  async paymentFee(paymentRef: string): Promise<number | null> {
    // bounded: the webhook waits on it (the tenant's rate is taken when it fails)
    const pi = await this.stripe.paymentIntents.retrieve(
      paymentRef,
      { expand: ['latest_charge.balance_transaction'] },
      { timeout: 3000, maxNetworkRetries: 1 },
    );
    const charge = pi.latest_charge;
    const bt = charge && typeof charge !== 'string' ? charge.balance_transaction : null;
    if (!bt || typeof bt === 'string') return null;
    if (bt.currency === 'cny') return bt.fee;
    return bt.exchange_rate ? Math.round(bt.fee / bt.exchange_rate) : null;
  }

  async transfer(destination: string, amountFen: number, metadata: Record<string, string>, idempotencyKey: string) {
    const t = await this.stripe.transfers.create({ amount: amountFen, currency: 'cny', destination, metadata }, { idempotencyKey });
    return { transferId: t.id };
  }

  verifyWebhook(rawBody: string, signature: string): Stripe.Event {
    return stripeSdk().webhooks.constructEvent(rawBody, signature, this.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
  }
}
