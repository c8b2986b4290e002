import type Stripe from 'stripe';

/** What a checkout session sells: Stripe line items, amounts in fen. */
export type SessionLine = { name: string; unitAmountFen: number; quantity: number };

export type NewCheckoutSession = {
  /** which module the payment is for (metadata.kind): 'order' now, 'donation' later */
  kind: string;
  tenantId: string;
  tenantSlug: string;
  /** the record paid for (an order id) */
  refId: string;
  lines: SessionLine[];
  amountFen: number;
  /** the hold's expiry: the session expires with it */
  expiresAt: Date;
  /** the web app's origin (PUBLIC_URL or the request's): the local checkout page lives there */
  origin: string;
  /** where the buyer lands after paying (and after cancelling) */
  successUrl: string;
  cancelUrl: string;
  /** what the local checkout page shows; Stripe's hosted page needs none of it */
  page: Record<string, unknown>;
};

/** The part of a Stripe Checkout Session object the webhook reads. */
export type SessionObject = {
  id: string;
  metadata: Record<string, string> | null;
  payment_status: string;
  amount_total: number | null;
  currency: string | null;
  payment_intent?: string | { id: string } | null;
};

/**
 * Payments (docs/ARCHITECTURE.md "Checkout, holds and webhooks"): Stripe Checkout with a secret key,
 * the local checkout page without one. Both end in the same signed webhook at /api/webhooks/stripe.
 */
export interface Payments {
  readonly mode: 'stripe' | 'local';
  createCheckoutSession(s: NewCheckoutSession): Promise<{ sessionId: string; url: string }>;
  /** ends an open session early (the buyer cancelled): its checkout.session.expired event follows */
  expireCheckoutSession(sessionId: string): Promise<void>;
  /** refunds a payment in full or in part; the same idempotency key never refunds twice */
  refund(paymentRef: string, amountFen: number, metadata: Record<string, string>, idempotencyKey: string): Promise<{ refundId: string }>;
  /** Stripe's fee for a payment in fen (its balance transaction), or null where none is known (local mode) */
  paymentFee(paymentRef: string): Promise<number | null>;
  /** money to a seller's connected account (a Stripe transfer); the same idempotency key never transfers twice */
  transfer(destination: string, amountFen: number, metadata: Record<string, string>, idempotencyKey: string): Promise<{ transferId: string }>;
  /** the signed event, or a throw when the signature is wrong or older than 300 s */
  verifyWebhook(rawBody: string, signature: string): Stripe.Event;
}

/** Stripe refuses a payment over ¥999,999.99 (8 digits of fen). */
export const MAX_SESSION_AMOUNT_FEN = 99_999_999;

/** The signature tolerance of docs/API.md: 300 s. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
