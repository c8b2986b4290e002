import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { parcelFees, parcelVillages, sellerKeyOf, type FulfilmentRecord } from '../fulfilments/fulfilments.js';

/**
 * Settlement (docs/DOMAIN.md "Settlement / payout"): one counter item per seller and month, moved in the
 * same transaction as the payment, the parcel refund or the payout that changes it:
 *   grossFen − refundsFen − feesFen = payable = paidOutFen + owedFen.
 * owedFen is kept ready (DynamoDB conditions cannot subtract) so a payout can be conditional on it.
 * The per-village figures live in the same item, as attributes V#<villageId>#<figure>.
 * Months are the tenant's: a payment counts in the month it was paid, a refund in the month it was
 * given back, a payout in the month it settles.
 */

// Access pattern: a month's settlement, every seller at once → pk SETTLEMENT#<YYYY-MM>, sk <orgId | BUREAU>;
// beside them sk ORDERS counts the month's paid orders once each (an order of two sellers is one order).
export const settlementKey = (store: TenantStore, month: string, sellerKey: string) => ({ pk: store.pk('SETTLEMENT', month), sk: sellerKey });
export const ORDERS = 'ORDERS';

export const FIGURES = ['grossFen', 'refundsFen', 'feesFen', 'paidOutFen', 'owedFen', 'orders'] as const;
export type Figure = (typeof FIGURES)[number];
export const VILLAGE_FIGURES = ['grossFen', 'refundsFen', 'feesFen', 'orders'] as const;
export type VillageFigure = (typeof VILLAGE_FIGURES)[number];
export const villageAttr = (villageId: string, figure: VillageFigure) => `V#${villageId}#${figure}`;

type Deltas = Partial<Record<Figure, number>>;

/** ADD the deltas to one seller's month (owedFen follows from the others), the village ones beside them. */
export function settlementTx(
  store: TenantStore,
  month: string,
  seller: string | null,
  by: Deltas,
  villages: Map<string, Partial<Record<VillageFigure, number>>> = new Map(),
  condition?: { owedAtLeast: number; failWith: Error },
): TxItem {
  const owed = (by.grossFen ?? 0) - (by.refundsFen ?? 0) - (by.feesFen ?? 0) - (by.paidOutFen ?? 0);
  const adds: [string, number][] = [...Object.entries({ ...by, owedFen: owed })];
  for (const [v, f] of villages) for (const [k, x] of Object.entries(f)) adds.push([villageAttr(v, k as VillageFigure), x]);
  const live = adds.filter(([, x]) => x !== 0);
  const names: Record<string, string> = { '#seller': 'organizationId', '#month': 'month' };
  const values: Record<string, unknown> = { ':seller': seller, ':month': month };
  live.forEach(([k, x], i) => {
    names[`#a${i}`] = k;
    values[`:a${i}`] = x;
  });
  if (condition) {
    names['#owed'] = 'owedFen';
    values[':need'] = condition.owedAtLeast;
  }
  return {
    Update: {
      Key: settlementKey(store, month, sellerKey(seller)),
      UpdateExpression: `SET #seller = :seller, #month = :month${live.length ? ` ADD ${live.map((_, i) => `#a${i} :a${i}`).join(', ')}` : ''}`,
      ...(condition ? { ConditionExpression: '#owed >= :need' } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    ...(condition ? { failWith: condition.failWith as never } : {}),
  };
}

const sellerKey = sellerKeyOf;

/** What a paid order adds, per parcel: its amount, its share of the fee and one order, per village too. */
export function settlementPaidTx(store: TenantStore, month: string, o: { feeFen?: number }, parcels: FulfilmentRecord[]): TxItem[] {
  const fees = parcelFees(o, parcels);
  return [
    ...parcels.map((f, i) => {
      const villages = new Map([...parcelVillages(f, fees[i])].map(([v, x]) => [v, { grossFen: x.fen, feesFen: x.feeFen, orders: 1 }]));
      return settlementTx(store, month, f.sellerOrganizationId, { grossFen: f.totalFen, feesFen: fees[i], orders: 1 }, villages);
    }),
    { Update: { Key: settlementKey(store, month, ORDERS), UpdateExpression: 'ADD orders :one', ExpressionAttributeValues: { ':one': 1 } } },
  ];
}

/** What a parcel's refund moves: its amount into the seller's refunds (its fee stays spent). */
export function settlementRefundTx(store: TenantStore, month: string, f: FulfilmentRecord): TxItem {
  const villages = new Map([...parcelVillages(f, 0)].map(([v, x]) => [v, { refundsFen: x.fen }]));
  return settlementTx(store, month, f.sellerOrganizationId, { refundsFen: f.totalFen }, villages);
}

/**
 * A seller's month SET to absolute values (`values`: attribute name → value, in order), leaving
 * its other attributes alone: the settlement backfill.
 */
export function setSettlementTx(store: TenantStore, month: string, sellerKey: string, values: [string, unknown][]): TxItem {
  return {
    Update: {
      Key: settlementKey(store, month, sellerKey),
      UpdateExpression: `SET ${values.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(values.map(([k], i) => [`#a${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(values.map(([, x], i) => [`:a${i}`, x])),
    },
  };
}

/** A month's count of paid orders SET to an absolute value: the settlement backfill. */
export function setSettlementOrdersTx(store: TenantStore, month: string, n: number): TxItem {
  return { Update: { Key: settlementKey(store, month, ORDERS), UpdateExpression: 'SET orders = :n', ExpressionAttributeValues: { ':n': n } } };
}

export type SettlementItem = Record<Figure, number> & { seller: string; organizationId: string | null; villages: Map<string, Record<VillageFigure, number>> };

function parse(item: Record<string, unknown>): SettlementItem {
  const num = (k: string) => (typeof item[k] === 'number' ? (item[k] as number) : 0);
  const villages = new Map<string, Record<VillageFigure, number>>();
  for (const [k, x] of Object.entries(item)) {
    const m = /^V#(.+)#(grossFen|refundsFen|feesFen|orders)$/.exec(k);
    if (!m || typeof x !== 'number') continue;
    const v = villages.get(m[1]) ?? { grossFen: 0, refundsFen: 0, feesFen: 0, orders: 0 };
    v[m[2] as VillageFigure] += x;
    villages.set(m[1], v);
  }
  return {
    seller: String(item.sk),
    organizationId: (item.organizationId as string | null | undefined) ?? null,
    grossFen: num('grossFen'),
    refundsFen: num('refundsFen'),
    feesFen: num('feesFen'),
    paidOutFen: num('paidOutFen'),
    owedFen: num('owedFen'),
    orders: num('orders'),
    villages,
  };
}

/** A month's settlement items, every seller, and its count of paid orders (one query). */
export async function monthSettlement(store: TenantStore, month: string): Promise<{ sellers: SettlementItem[]; paidOrders: number }> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: settlementKey(store, month, '').pk }, 100_000);
  return { sellers: items.filter((i) => i.sk !== ORDERS).map(parse), paidOrders: Number(items.find((i) => i.sk === ORDERS)?.orders ?? 0) };
}

/** One seller's month (an empty one when nothing moved). */
export async function sellerSettlement(store: TenantStore, month: string, seller: string | null): Promise<SettlementItem> {
  const k = settlementKey(store, month, sellerKey(seller));
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  return parse(item ?? { sk: k.sk, organizationId: seller });
}
