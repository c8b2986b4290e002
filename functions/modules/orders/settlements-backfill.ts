import { dateInZone } from '../../../shared/dates.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { onceBehindMarker, SETTLEMENT_BACKFILLED } from '../counters/store.js';
import { isPaidOrLater, parcelFees, parcelVillages, sellerKeyOf, storedFulfilmentsOf } from '../fulfilments/fulfilments.js';
import { orderKey, strip, type OrderRecord } from './store.js';
import { FIGURES, setSettlementOrdersTx, setSettlementTx, villageAttr, type Figure, type VillageFigure } from '../settlements/store.js';
import { tenantTimeZone } from '../tenant/settings.js';

type Item = { organizationId: string | null; figures: Record<Figure, number>; villages: Map<string, Record<VillageFigure, number>> };

/**
 * Every seller's months recounted from the records, as the payments, refunds and payouts move
 * them (settlements/store.ts): a paid order's parcels in the month it was paid (its fee shared as at
 * payment), a refunded parcel in the month it was given back, a payout in the month it settles.
 */
export async function recountSettlements(store: TenantStore): Promise<{ items: Map<string, Map<string, Item>>; orders: Map<string, number> }> {
  const tz = await tenantTimeZone(store);
  const monthOf = (iso: string) => dateInZone(new Date(iso), tz).slice(0, 7);
  const items = new Map<string, Map<string, Item>>();
  const orders = new Map<string, number>();
  const item = (month: string, seller: string | null) => {
    const m = items.get(month) ?? new Map<string, Item>();
    items.set(month, m);
    const key = sellerKeyOf(seller);
    const it = m.get(key) ?? {
      organizationId: seller,
      figures: { grossFen: 0, refundsFen: 0, feesFen: 0, paidOutFen: 0, owedFen: 0, orders: 0 },
      villages: new Map(),
    };
    m.set(key, it);
    return it;
  };
  const village = (it: Item, v: string) => {
    const f = it.villages.get(v) ?? { grossFen: 0, refundsFen: 0, feesFen: 0, orders: 0 };
    it.villages.set(v, f);
    return f;
  };
  for (const raw of await store.queryAll<Record<string, unknown>>({ pk: orderKey(store, '').pk }, 1_000_000)) {
    const o: OrderRecord = strip(raw);
    if (!o.paidAt || !isPaidOrLater(o.status)) continue;
    const paidMonth = monthOf(o.paidAt);
    orders.set(paidMonth, (orders.get(paidMonth) ?? 0) + 1);
    const parcels = storedFulfilmentsOf(o);
    const fees = parcelFees(o, parcels);
    parcels.forEach((f, i) => {
      const paid = item(paidMonth, f.sellerOrganizationId);
      Object.assign(paid.figures, {
        grossFen: paid.figures.grossFen + f.totalFen,
        feesFen: paid.figures.feesFen + fees[i],
        orders: paid.figures.orders + 1,
        owedFen: paid.figures.owedFen + f.totalFen - fees[i],
      });
      for (const [v, x] of parcelVillages(f, fees[i])) {
        const pv = village(paid, v);
        Object.assign(pv, { grossFen: pv.grossFen + x.fen, feesFen: pv.feesFen + x.feeFen, orders: pv.orders + 1 });
      }
      if (f.status !== 'refunded' || !f.refundedAt) return;
      const back = item(monthOf(f.refundedAt), f.sellerOrganizationId);
      Object.assign(back.figures, { refundsFen: back.figures.refundsFen + f.totalFen, owedFen: back.figures.owedFen - f.totalFen });
      for (const [v, x] of parcelVillages(f, 0)) village(back, v).refundsFen += x.fen;
    });
  }
  for (const p of await store.queryAll<{ organizationId: string; amountFen: number; month: string }>({ pk: store.pk('PAYOUT') }, 1_000_000)) {
    const it = item(p.month, p.organizationId);
    it.figures.paidOutFen += p.amountFen;
    it.figures.owedFen -= p.amountFen;
  }
  return { items, orders };
}

/** One seller's month written with absolute values (what the counters would hold). */
function setItemTx(store: TenantStore, month: string, it: Item): TxItem {
  const values: [string, unknown][] = [['organizationId', it.organizationId], ['month', month], ...FIGURES.map((k) => [k, it.figures[k]] as [string, number])];
  for (const [v, f] of it.villages) for (const [k, x] of Object.entries(f)) values.push([villageAttr(v, k as VillageFigure), x]);
  return setSettlementTx(store, month, sellerKeyOf(it.organizationId), values);
}

/**
 * A tenant whose orders were paid before settlement existed: its settlement items written once from
 * its records, then the marker. Run at local start-up (with the dashboard's backfill), before the
 * server takes requests; rerunning is harmless (absolute values). False when already done.
 */
export async function backfillTenantSettlement(store: TenantStore, now: Date): Promise<boolean> {
  return onceBehindMarker(store, SETTLEMENT_BACKFILLED, now, async () => {
    const { items, orders } = await recountSettlements(store);
    for (const [month, sellers] of items) for (const it of sellers.values()) await store.transact([setItemTx(store, month, it)]);
    for (const [month, n] of orders) await store.transact([setSettlementOrdersTx(store, month, n)]);
  });
}
