import type { Settlement, Settlements } from '../../../shared/schemas/settlements.js';
import { AppError } from '../../errors.js';
import type { TenantStore } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';
import { getTenant } from '../tenant/store.js';
import { organizationNames } from '../organizations/store.js';
import { villageKey } from '../villages/store.js';
import { monthSettlement, type SettlementItem } from './store.js';

/**
 * GET /api/settlements: a month's statement per seller, from the settlement counter items the
 * payments, parcel refunds and payouts move in their own transactions (one query for the month,
 * one batch read for the names). The bureau sees every seller (its own listings as organizationId
 * null); an org_member its own organization only, whatever it asks for.
 */
export async function monthSettlements(ctx: ServiceContext, month: string, organizationId?: string): Promise<Settlements> {
  let wanted: string | undefined = organizationId;
  if (ctx.caller.role === 'org_member') {
    if (organizationId && organizationId !== ctx.caller.organizationId) throw AppError.notFound('组织');
    wanted = ctx.caller.organizationId ?? '\u0000none';
  }
  const all = await monthSettlement(ctx.store, month);
  const items = all.sellers.filter((i) => !wanted || i.organizationId === wanted);
  // an organization asked for by name with nothing this month: its empty statement, if it exists
  if (wanted && items.length === 0) {
    const names = await organizationNames(ctx.store, [wanted]);
    if (!names.has(wanted)) throw AppError.notFound('组织');
    items.push(emptyItem(wanted));
  }
  const settlements = await named(ctx.store, items);
  // every seller: the month's orders counted once each (an order of two sellers is one order)
  return { month, items: settlements, totals: totalsOf(settlements, wanted ? undefined : all.paidOrders) };
}

const emptyItem = (organizationId: string): SettlementItem => ({
  seller: organizationId,
  organizationId,
  grossFen: 0,
  refundsFen: 0,
  feesFen: 0,
  paidOutFen: 0,
  owedFen: 0,
  orders: 0,
  villages: new Map(),
});

/** The items with their sellers' and villages' names (one batch read each), the bureau's row last. */
export async function named(store: TenantStore, items: SettlementItem[]): Promise<Settlement[]> {
  const orgNames = await organizationNames(
    store,
    items.map((i) => i.organizationId).filter((o): o is string => !!o),
  );
  const villageIds = [...new Set(items.flatMap((i) => [...i.villages.keys()]))];
  const villages = villageIds.length ? await store.getMany<{ sk: string; name: string }>(villageIds.map((id) => villageKey(store, id))) : [];
  const villageNames = new Map(villages.map((v) => [v.sk, v.name]));
  const bureauName = items.some((i) => !i.organizationId) ? ((await getTenant(store))?.name ?? '') : '';
  return items
    .map((i) => ({
      organizationId: i.organizationId,
      organizationName: i.organizationId ? (orgNames.get(i.organizationId) ?? '') : bureauName,
      grossFen: i.grossFen,
      refundsFen: i.refundsFen,
      feesFen: i.feesFen,
      payableFen: i.grossFen - i.refundsFen - i.feesFen,
      paidOutFen: i.paidOutFen,
      owedFen: i.owedFen,
      orders: i.orders,
      villages: [...i.villages]
        .map(([villageId, v]) => ({ villageId, villageName: villageNames.get(villageId) ?? '', ...v, payableFen: v.grossFen - v.refundsFen - v.feesFen }))
        .sort((a, b) => b.grossFen - a.grossFen || a.villageId.localeCompare(b.villageId)),
    }))
    .sort(
      (a, b) =>
        (a.organizationId === null ? 1 : 0) - (b.organizationId === null ? 1 : 0) ||
        b.owedFen - a.owedFen ||
        a.organizationName.localeCompare(b.organizationName, 'zh'),
    );
}

/** The sums over the sellers listed; `orders` the month's distinct paid orders when given. */
export function totalsOf(items: Settlement[], paidOrders?: number): Settlements['totals'] {
  const t = { grossFen: 0, refundsFen: 0, feesFen: 0, payableFen: 0, paidOutFen: 0, owedFen: 0, orders: 0 };
  for (const i of items) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += i[k];
  if (paidOrders !== undefined) t.orders = paidOrders;
  return t;
}
