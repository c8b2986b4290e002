import { MAX_CART_LISTINGS } from '../../../shared/formats.js';
import { hashToken, newAccessToken, tokenFragment } from '../access-tokens.js';
import type { CheckoutInput, CheckoutResult, OrderLine } from '../../../shared/schemas/orders.js';
import { MAX_SESSION_AMOUNT_FEN, type Payments } from '../../adapters/payments/port.js';
import { quantityWithUnit } from '../../../shared/units.js';
import { AppError } from '../../errors.js';
import type { PublicContext } from '../context.js';
import { newId } from '../../store/ids.js';
import { expiredCheckouts, openHoldsTx } from '../holds/store.js';
import { getProduceRecord, getProduceRecords, holdStockTx, type ProduceRecord } from '../produce/store.js';
import { availableOf } from '../produce/views.js';
import { organizationNames } from '../organizations/store.js';
import { planFulfilments, toStoredParcels } from '../fulfilments/fulfilments.js';
import { nextOrderSeq, putNewOrderTx, type OrderRecord } from './store.js';
import { dateInZone } from '../../../shared/dates.js';
import { expireOrder } from './transitions.js';
import { getOrderRecord } from './store.js';
import { toOrder } from './views.js';
import { auditPutBy, PUBLIC_ACTOR } from '../audit/store.js';
import { settingsOf } from '../tenant/settings.js';
import { openCheckoutSession } from '../payments/session.js';
import { attributableCampaign, inCampaignScope } from '../campaigns/service.js';

/** One transaction holds at most 100 actions (docs/ARCHITECTURE.md): hence 20 listings a cart. */
export const MAX_LINE_UNITS = 999;
/** TransactionConflicts retried before a 409: a busy listing is raced for by many buyers at once. */
const CHECKOUT_TX_ATTEMPTS = 10;
/** Refused transactions tried again when the listing, read again, turns out to cover the line. */
const REFUSAL_RECHECKS = 3;

export type CheckoutDeps = { payments: Payments; ttlSeconds: number; buyerOrganizationId: string | null };

/** Raised by a listing's conditional update in the checkout transaction. */
class ListingRefused extends AppError {
  constructor(readonly produceId: string) {
    super('out_of_stock', 409, 'listing refused');
  }
}

/** Lines for the same listing merged, in the order they first appear (docs/API.md, checkout rules). */
export function mergeLines(items: CheckoutInput['items']): { produceId: string; quantity: number; index: number }[] {
  const merged = new Map<string, { produceId: string; quantity: number; index: number }>();
  items.forEach((item, index) => {
    const line = merged.get(item.produceId);
    if (line) line.quantity += item.quantity;
    else merged.set(item.produceId, { ...item, index });
    if ((line?.quantity ?? item.quantity) > MAX_LINE_UNITS) {
      throw AppError.field(`items.${index}.quantity`, `每种商品最多 ${MAX_LINE_UNITS} 件（合并同一商品后）`);
    }
  });
  if (merged.size > MAX_CART_LISTINGS) throw AppError.field('items', `一次最多购买 ${MAX_CART_LISTINGS} 种商品`);
  return [...merged.values()];
}

/**
 * A public checkout (docs/API.md): merged lines; every listing published; in ONE TransactWriteItems the
 * conditional stock update of each listing (published, and its unreserved units cover the
 * quantity), the holds and the order — so two buyers never both get the last unit and stock never
 * goes negative. Then the payment session (Stripe, or the local checkout page).
 */
export async function checkout(ctx: PublicContext, deps: CheckoutDeps, input: CheckoutInput): Promise<CheckoutResult> {
  const merged = mergeLines(input.items);
  const records = await getProduceRecords(
    ctx.store,
    merged.map((l) => l.produceId),
  );
  const lines: OrderLine[] = merged.map((l) => {
    const r = records.get(l.produceId);
    if (!r || r.status !== 'published') throw notForSale(l.index);
    return {
      produceId: r.id,
      name: r.name,
      unit: r.unit,
      priceFen: r.priceFen,
      quantity: l.quantity,
      villageId: r.villageId,
      villageName: r.villageName,
      organizationId: r.organizationId,
    };
  });
  const totalFen = lines.reduce((sum, l) => sum + l.priceFen * l.quantity, 0);
  if (totalFen > MAX_SESSION_AMOUNT_FEN) throw AppError.field('items', '订单金额过大（单笔不超过 ¥999,999.99）');
  await refuseEarlyWhenShort(ctx, merged, records);

  // the parcels, one per seller, named as the buyer will see them (the bureau sells as the tenant)
  const sellerIds = [...new Set(lines.map((l) => l.organizationId).filter((o): o is string => !!o))];
  const names: Map<string | null, string> = new Map(await organizationNames(ctx.store, sellerIds));
  names.set(null, ctx.tenant.name);

  // bought through a campaign's link: counted toward it once paid (transitions.ts), if open today
  // (the lines of its listings or villages only; none of them: the order is made without it)
  const campaign = await attributableCampaign(ctx, input.campaignId);
  const campaignLines = campaign ? lines.filter((l) => inCampaignScope(campaign, l)) : [];
  const campaignId = campaignLines.length ? campaign!.id : null;
  const token = newAccessToken();
  const at = ctx.now.toISOString();
  const expiresAt = new Date(ctx.now.getTime() + deps.ttlSeconds * 1000).toISOString();
  const order: OrderRecord = {
    id: newId('ord'),
    orderNo: await allocateOrderNo(ctx),
    status: 'pending_payment',
    lines,
    totalFen,
    buyer: input.buyer,
    buyerOrganizationId: deps.buyerOrganizationId,
    expiresAt,
    paidAt: null,
    shipment: null,
    shippedAt: null,
    deliveredAt: null,
    refundedAt: null,
    createdAt: at,
    updatedAt: at,
    tokenHash: hashToken(token),
    tenantSlug: ctx.tenant.slug,
    sellerOrganizationIds: sellerIds,
    fulfilments: toStoredParcels(planFulfilments(lines, names)),
    villageIds: [...new Set(lines.map((l) => l.villageId))],
    produceIds: lines.map((l) => l.produceId),
    ...(campaignId ? { campaignId, campaignProduceIds: [...new Set(campaignLines.map((l) => l.produceId))] } : {}),
  };
  await reserve(ctx, order, merged);

  const session = await openCheckoutSession(
    ctx,
    deps.payments,
    { entity: 'ORDER', id: order.id },
    {
      kind: 'order',
      lines: lines.map((l) => ({ name: `${l.name}（${l.villageName}）`, unitAmountFen: l.priceFen, quantity: l.quantity })),
      amountFen: totalFen,
      expiresAt: new Date(expiresAt),
      successUrl: orderPageUrl(ctx, order.id, token),
      cancelUrl: orderPageUrl(ctx, order.id, token, true),
      page: { orderId: order.id, orderToken: token, lines },
    },
    // no way to pay: give the stock back at once rather than at expiry
    () => expireOrder(ctx.store, { ...order, cancelRequestedAt: at }, ctx.now),
  );
  return { orderId: order.id, checkoutUrl: session.url, orderToken: token };
}

/**
 * The order's number: `<SLUG UPPER-CASED>-YYYYMMDD-NNNN`, the date in the tenant's time
 * zone, NNNN the day's sequence (past 9999 it just grows). The sequence is one atomic ADD read back
 * (UPDATED_NEW) before the checkout's transaction — never the same value twice; a checkout that then
 * fails leaves a gap. The transaction also puts the number's lookup item only if absent, so even a
 * reset counter could never give two orders one number (the checkout would fail instead).
 */
async function allocateOrderNo(ctx: PublicContext): Promise<string> {
  const day = dateInZone(ctx.now, settingsOf(ctx.tenant).timeZone).replaceAll('-', '');
  const n = await nextOrderSeq(ctx.store, day);
  return `${ctx.tenant.slug.toUpperCase()}-${day}-${String(n).padStart(4, '0')}`;
}

/** The buyer's order page; the token in the fragment, never sent to a server. */
export const orderPageUrl = (ctx: Pick<PublicContext, 'origin' | 'tenant'>, orderId: string, token: string, cancelled = false) =>
  `${ctx.origin}/shop/${ctx.tenant.slug}/orders/${orderId}${cancelled ? '?cancelled=1' : ''}${tokenFragment(token)}`;

/**
 * The checkout's one transaction, with two kinds of retry. A TransactionConflict (another buyer's
 * transaction on the same listing at the same moment) is retried with jitter by the store. A failed
 * stock condition may be caused by holds that have expired but were not released yet (the sweeper
 * runs every minute): those count for nothing (docs/DOMAIN.md "Hold"), so they are released — each
 * conditionally on its checkout still being open — and the transaction is tried once more. What
 * fails then is a real shortage: 409 out_of_stock naming the listing and what is available.
 */
async function reserve(ctx: PublicContext, order: OrderRecord, merged: { produceId: string; quantity: number; index: number }[]): Promise<void> {
  const tx = [
    ...merged.map((l) => holdStockTx(ctx.store, l, new ListingRefused(l.produceId))),
    ...openHoldsTx(ctx.store, order.id, merged, order.expiresAt, order.createdAt),
    ...putNewOrderTx(ctx.store, order),
    // placed through the public shop: the buyer's contact masked, as anyone but its sellers sees it
    auditPutBy({ store: ctx.store, now: ctx.now, actor: PUBLIC_ACTOR }, 'order', order.id, 'create', null, toOrder(order, false)),
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.store.transact(tx, { attempts: CHECKOUT_TX_ATTEMPTS });
      return;
    } catch (e) {
      if (!(e instanceof ListingRefused)) throw e;
      if (attempt === 1 && (await releaseExpiredHolds(ctx, new Set(merged.map((l) => l.produceId)))) > 0) continue;
      const line = merged.find((l) => l.produceId === e.produceId)!;
      const refused = await refusal(ctx, line);
      // the listing read again covers the line: units came back between the refused transaction
      // and the read (a racing checkout gave its hold back). Try again rather than answer 409 with
      // a figure that contradicts it; bounded, so a listing that keeps flickering still ends.
      if (!stillShort(refused) && attempt < REFUSAL_RECHECKS) continue;
      throw refused;
    }
  }
}

/**
 * A line its listing's unreserved units (as just read) do not cover is refused before the order
 * takes a number or any item is written: in a flash sale most buyers arrive after the stock is
 * gone, and each would otherwise bump the day's order-number counter (one hot item) for nothing.
 * The refusal is the one the transaction would give: expired holds are released first, and a
 * fresh read that covers the line lets the checkout go on (the transaction still decides).
 */
async function refuseEarlyWhenShort(
  ctx: PublicContext,
  merged: { produceId: string; quantity: number; index: number }[],
  records: Map<string, ProduceRecord>,
): Promise<void> {
  const short = merged.filter((l) => (records.get(l.produceId)?.unreserved ?? 0) < l.quantity);
  if (short.length === 0) return;
  let released = false;
  for (const line of short) {
    let refused = await refusal(ctx, line);
    if (stillShort(refused) && !released) {
      released = true;
      if ((await releaseExpiredHolds(ctx, new Set(merged.map((l) => l.produceId)))) > 0) refused = await refusal(ctx, line);
    }
    if (stillShort(refused)) throw refused;
  }
}

/** Whether a refusal read says the line is still not covered (or the listing is gone). */
function stillShort(refused: AppError): boolean {
  if (!refused.details || typeof refused.details !== 'object' || !('available' in refused.details)) return true;
  const { available, requested } = refused.details as { available: number; requested: number };
  return available < requested;
}

/** Releases the expired checkouts holding any of `produceIds`; how many it released. */
async function releaseExpiredHolds(ctx: PublicContext, produceIds: Set<string>): Promise<number> {
  let released = 0;
  for (const entry of await expiredCheckouts(ctx.store, ctx.now)) {
    if (!entry.lines.some((l) => produceIds.has(l.produceId))) continue;
    const o = await getOrderRecord(ctx.store, entry.orderId);
    if (o && (await expireOrder(ctx.store, o, ctx.now))) released += 1;
  }
  return released;
}

/** Why a listing's condition failed, read again: gone from sale (404) or short of stock (409). */
async function refusal(ctx: PublicContext, line: { produceId: string; quantity: number; index: number }): Promise<AppError> {
  const r = await getProduceRecord(ctx.store, line.produceId);
  if (!r || r.status !== 'published') return notForSale(line.index);
  const available = availableOf(r, new Map());
  return new AppError('out_of_stock', 409, `「${r.name}」库存不足，仅剩 ${quantityWithUnit(available, r.unit)}`, {
    produceId: r.id,
    name: r.name,
    available,
    requested: line.quantity,
    path: `items.${line.index}.quantity`,
  });
}

function notForSale(index: number): AppError {
  return new AppError('not_found', 404, '商品不存在或已下架', [{ path: `items.${index}.produceId`, code: 'not_found', message: '商品不存在或已下架' }]);
}
