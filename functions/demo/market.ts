import type { Payments } from '../adapters/payments/port.js';
import { dateInZone } from '../../shared/dates.js';
import type { ServiceContext } from '../modules/context.js';
import { setCommitment } from '../modules/commitments/service.js';
import { createDonation } from '../modules/donations/service.js';
import { createExpenditure } from '../modules/expenditures/service.js';
import { getTenant } from '../modules/tenant/store.js';
import { checkout } from '../modules/orders/checkout.js';
import { getOrderRecord } from '../modules/orders/store.js';
import { paymentFeeOf } from '../modules/orders/payment-kind.js';
import { payOrder } from '../modules/orders/transitions.js';

/**
 * Demo history only: the orders below are paid at once (as the signed webhook would), so no
 * checkout page is ever shown for them and no payment provider is called.
 */
const paidAtOnce: Payments = {
  mode: 'local',
  createCheckoutSession: async (s) => ({ sessionId: `demo_${s.refId}`, url: '' }),
  expireCheckoutSession: async () => undefined,
  refund: async () => {
    throw new Error('demo orders are not refunded');
  },
  paymentFee: async () => null,
  transfer: async () => {
    throw new Error('demo payments make no transfers');
  },
  verifyWebhook: () => {
    throw new Error('demo payments send no webhooks');
  },
};

const BUYERS = ['王女士', '李先生', '张女士', '刘先生', '陈女士', '杨先生', '赵女士', '黄先生'];

/** The first day of the month `back` months before `today`'s (YYYY-MM-DD), plus `day − 1` days. */
function dayOfMonthBack(today: string, back: number, day: number): string {
  const [y, m] = today.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - back, 1));
  const d = new Date(first.getTime() + (day - 1) * 86_400_000).toISOString().slice(0, 10);
  return d > today ? today : d;
}

/**
 * The last six months of a programme's money, so the bureau's charts (money and sales per month)
 * and rule 9's commitment progress have something to show: a gift or two a month, spending every
 * other month, produce orders (some by signed-in members of organizations with a commitment).
 */
export async function loadDemoMarket(ctx: ServiceContext, p: { villageIds: string[]; produceIds: string[]; orgIds: string[] }): Promise<void> {
  const tenant = (await getTenant(ctx.store))!;
  const today = dateInZone(ctx.now, tenant.timeZone);
  const at = (date: string, time: string) => ({ ...ctx, now: new Date(`${date}T${time}:00+08:00`) });
  const year = Number(today.slice(0, 4));
  const committed = p.orgIds.slice(0, 3);
  for (const [i, organizationId] of committed.entries()) {
    await setCommitment(ctx, { organizationId, year, amountFen: [2_000_000, 1_500_000, 800_000][i] });
  }
  let n = 0;
  for (let back = 5; back >= 0; back--) {
    const gift = dayOfMonthBack(today, back, 6);
    const villageId = p.villageIds[back % p.villageIds.length];
    await createDonation(at(gift, '10:30'), {
      villageId,
      kind: 'cash',
      amountFen: 400_000 + back * 90_000,
      donorName: BUYERS[back % BUYERS.length],
      donorType: 'person',
      anonymous: back % 2 === 0,
      date: gift,
    });
    if (back % 2 === 1) {
      await createDonation(at(gift, '11:00'), {
        villageId,
        kind: 'goods',
        amountFen: 180_000 + back * 20_000,
        donorName: '清水县爱心商会',
        donorType: 'organization',
        description: '米、面、食用油各 50 份',
        date: gift,
      });
    }
    if (back % 2 === 0) {
      const spent = dayOfMonthBack(today, back, 20);
      await createExpenditure(at(spent, '15:00'), {
        villageId,
        amountFen: 260_000 + back * 40_000,
        purpose: '村集体产业配套：冷库与分拣设备',
        category: 'industry',
        date: spent,
      });
    }
    const orders = 2 + ((5 - back) % 3);
    for (let k = 0; k < orders; k++) {
      const day = dayOfMonthBack(today, back, 3 + k * 7);
      const buyerOrg = k === 0 ? committed[back % committed.length] : null;
      const shop = { store: ctx.store, tenant, now: new Date(`${day}T12:${String(10 + k).padStart(2, '0')}:00+08:00`), origin: 'http://localhost' };
      const items = [{ produceId: p.produceIds[n % p.produceIds.length], quantity: 1 + (n % 2) }];
      // this month's first order buys from two sellers: two parcels, each seller ships its own
      if (back === 0 && k === 0 && p.produceIds.length > 1) items.push({ produceId: p.produceIds[(n + 1) % p.produceIds.length], quantity: 1 });
      n++;
      const result = await checkout(
        shop,
        { payments: paidAtOnce, ttlSeconds: 1800, buyerOrganizationId: buyerOrg },
        {
          items,
          buyer: { name: BUYERS[n % BUYERS.length], phone: `1380000${String(1000 + n).slice(-4)}`, address: '甘肃省天水市' },
        },
      );
      const order = (await getOrderRecord(ctx.store, result.orderId))!;
      const fee = await paymentFeeOf(ctx.store, paidAtOnce, undefined, order.totalFen);
      await payOrder(ctx.store, order, new Date(shop.now.getTime() + 5 * 60_000), `demo_${order.id}`, [], fee);
    }
  }
}
