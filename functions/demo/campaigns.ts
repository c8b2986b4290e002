import type { Payments } from '../adapters/payments/port.js';
import { addDays, dateInZone } from '../../shared/dates.js';
import { AppError } from '../errors.js';
import { auditPutBy, paymentProviderActor } from '../modules/audit/store.js';
import { createCampaign } from '../modules/campaigns/service.js';
import type { ServiceContext } from '../modules/context.js';
import { donationPayments } from '../modules/donations/payment-kind.js';
import { donate } from '../modules/donations/service.js';
import { getDonationRecord } from '../modules/donations/store.js';
import { checkout } from '../modules/orders/checkout.js';
import { paymentFeeOf } from '../modules/orders/payment-kind.js';
import { getOrderRecord } from '../modules/orders/store.js';
import { payOrder } from '../modules/orders/transitions.js';
import { eventKey, recordStripeEventTx } from '../modules/payments/store.js';
import { getProduceRecords } from '../modules/produce/store.js';
import { getTenant } from '../modules/tenant/store.js';

/** Demo history only: paid at once, as the signed webhook would; no payment provider is called. */
const paidAtOnce: Payments = {
  mode: 'local',
  createCheckoutSession: async (s) => ({ sessionId: `demo_${s.refId}`, url: '' }),
  expireCheckoutSession: async () => undefined,
  refund: async () => {
    throw new Error('demo payments are not refunded');
  },
  paymentFee: async () => null,
  transfer: async () => {
    throw new Error('demo payments make no transfers');
  },
  verifyWebhook: () => {
    throw new Error('demo payments send no webhooks');
  },
};

const BUYERS = ['周女士', '吴先生', '郑女士', '孙先生', '钱女士'];

/**
 * Two campaigns of a programme: the last 扶贫日 (17 October, a week's drive ending that day, over)
 * and a New-Year goods fair (年货节) open now; each with purchases and online gifts made through
 * its link, paid or confirmed as the webhook would — so the counters moved the way they do live.
 */
export async function loadDemoCampaigns(ctx: ServiceContext, p: { villageIds: string[]; produceIds: string[] }): Promise<void> {
  const tenant = (await getTenant(ctx.store))!;
  const today = dateInZone(ctx.now, tenant.timeZone);
  const thisYear = Number(today.slice(0, 4));
  const y = today >= `${thisYear}-10-17` ? thisYear : thisYear - 1;
  const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
  const villageIds = p.villageIds.slice(0, 4);
  // the listings with stock to spare (some demo listings are sold out)
  const records = await getProduceRecords(ctx.store, p.produceIds);
  const inStock = p.produceIds.filter((id) => (records.get(id)?.unreserved ?? 0) >= 10);
  const povertyDay = await createCampaign(
    { ...ctx, now: at(`${y}-10-01`, '09:00') },
    {
      title: `${y} 扶贫日 · 消费帮扶周`,
      kind: '扶贫日',
      description: '10 月 17 日是国家扶贫日。活动期间购买结对村农特产品、为结对村捐款，款项全部进入所涉村的公示账目。',
      startDate: `${y}-10-10`,
      endDate: `${y}-10-17`,
      targetFen: 300_000,
      villageIds: villageIds.slice(0, 3),
      produceIds: inStock.slice(0, 4),
    },
  );
  const fair = await createCampaign(
    { ...ctx, now: at(addDays(today, -8), '09:00') },
    {
      title: '年货节 · 清水山货进万家',
      kind: '年货节',
      description: '春节前的年货节：苹果、花椒、核桃等结对村山货，买年货也是帮一把。',
      startDate: addDays(today, -7),
      endDate: addDays(today, 60),
      targetFen: 500_000,
      villageIds,
      produceIds: inStock.slice(0, 6),
    },
  );
  // each gift goes to one of its campaign's own villages (a gift to another village is not the campaign's)
  const days = [
    { campaignId: povertyDay.id, villages: povertyDay.villageIds, dates: [`${y}-10-15`, `${y}-10-16`, `${y}-10-17`] },
    { campaignId: fair.id, villages: fair.villageIds, dates: [addDays(today, -5), addDays(today, -3), addDays(today, -1)] },
  ];
  let n = 0;
  for (const { campaignId, villages, dates } of days) {
    for (const date of dates) {
      n++;
      const now = at(date, `1${n % 10}:20`);
      const shop = { store: ctx.store, tenant, now, origin: 'http://localhost' };
      const result = await checkout(
        shop,
        { payments: paidAtOnce, ttlSeconds: 1800, buyerOrganizationId: null },
        {
          items: [{ produceId: inStock[n % Math.min(4, inStock.length)], quantity: 1 + (n % 3) }],
          buyer: { name: BUYERS[n % BUYERS.length], phone: `1390000${String(2000 + n).slice(-4)}`, address: '甘肃省天水市' },
          campaignId,
        },
      );
      const order = (await getOrderRecord(ctx.store, result.orderId))!;
      await payOrder(
        ctx.store,
        order,
        new Date(now.getTime() + 5 * 60_000),
        `demo_${order.id}`,
        [],
        await paymentFeeOf(ctx.store, paidAtOnce, undefined, order.totalFen),
      );
      // an online gift through the campaign, confirmed by its payment event
      const gift = await donate(
        shop,
        { payments: paidAtOnce, ttlSeconds: 1800 },
        {
          villageId: villages[n % villages.length],
          amountFen: 20_000 * (1 + (n % 4)),
          anonymous: n % 2 === 0,
          donorName: n % 2 === 0 ? undefined : BUYERS[n % BUYERS.length],
          campaignId,
        },
      );
      const d = (await getDonationRecord(ctx.store, gift.donationId))!;
      const eventId = `evt_demo_${d.id}`;
      const paidAt = new Date(now.getTime() + 10 * 60_000);
      await donationPayments.completed(
        {
          store: ctx.store,
          now: paidAt,
          payments: paidAtOnce,
          recordEvent: recordStripeEventTx(
            { ...eventKey(ctx.store, eventId), type: 'checkout.session.completed', receivedAt: paidAt.toISOString() },
            AppError.conflict('replayed'),
          ),
          audit: (entity, id, action, before, after) =>
            auditPutBy({ store: ctx.store, now: paidAt, actor: paymentProviderActor(eventId) }, entity, id, action, before, after),
        },
        {
          id: d.sessionId ?? `demo_${d.id}`,
          object: 'checkout.session',
          metadata: { kind: 'donation', donationId: d.id, tenantId: ctx.store.tenantId },
          payment_status: 'paid',
          amount_total: d.amountFen,
          currency: 'cny',
          payment_intent: `demo_pi_${d.id}`,
        } as never,
      );
    }
  }
}
