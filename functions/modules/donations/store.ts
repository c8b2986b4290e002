import type { Donation } from '../../../shared/schemas/donations.js';
import type { Expenditure, VillageFunds } from '../../../shared/schemas/expenditures.js';
import { EXPENDITURE_CATEGORIES } from '../../../shared/schemas/expenditures.js';
import type { PublicDonation, PublicExpenditure } from '../../../shared/schemas/transparency.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { filterWhere } from '../../store/filters.js';

/** A donation as stored: the contract's fields and what the server alone needs. */
export type DonationRecord = Donation & {
  /** sha-256 of the receipt token (the token itself is never stored) */
  tokenHash: string;
  tenantSlug?: string;
  sessionId?: string;
  paymentRef?: string;
  /** the payment provider's refund of an online gift */
  refundId?: string;
  /** an online refund written in the ledger whose provider refund has not been confirmed yet */
  refundPending?: boolean;
  expiresAt?: string;
  /** counts toward the organization's rule-6 totals (organizationId set and donorType organization) */
  countsForOrg: boolean;
};

// Access pattern: a donation by id, and all of a tenant's donations newest first → pk DONATION, sk <id>.
export const donationKey = (store: TenantStore, id: string) => ({ pk: store.pk('DONATION'), sk: id });
// Access pattern: a village's cash and goods counters (rule 8), and all villages' for the tenant
// totals and the transparency page → pk FUNDS, sk <villageId>. balanceFen is kept (not derived) so
// a spend is one conditional update: balanceFen >= amount.
export const fundsKey = (store: TenantStore, villageId: string) => ({ pk: store.pk('FUNDS'), sk: villageId });
// Access pattern: each organization's confirmed donations (rule 6) → pk ORG_FUNDS, sk <orgId>.
export const orgFundsKey = (store: TenantStore, orgId: string) => ({ pk: store.pk('ORG_FUNDS'), sk: orgId });
// Access pattern: the public list of confirmed donations, newest first, tenant-wide and per village →
// pk PUBLIC_DONATION[#<villageId>], sk <confirmedAt>#<id>; the public projection only (no contact).
const publicDonationKey = (store: TenantStore, villageId: string | null, at: string, id: string) => ({
  pk: villageId ? store.pk('PUBLIC_DONATION', villageId) : store.pk('PUBLIC_DONATION'),
  sk: `${at}#${id}`,
});
// Access pattern: an expenditure by id, all newest first → pk EXPENDITURE, sk <id>;
// a village's public expenditures by date → pk PUBLIC_EXPENDITURE#<villageId>, sk <date>#<id>.
export const expenditureKey = (store: TenantStore, id: string) => ({ pk: store.pk('EXPENDITURE'), sk: id });

/** Points an existing donation at its (new) voucher file. */
export function setVoucherFileTx(store: TenantStore, id: string, fileId: string, at: string): TxItem {
  return {
    Update: {
      Key: donationKey(store, id),
      UpdateExpression: 'SET voucherFileId = :f, updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':f': fileId, ':at': at },
    },
  };
}

/** Points an existing expenditure at its (new) evidence file. */
export function setEvidenceFileTx(store: TenantStore, id: string, fileId: string): TxItem {
  return {
    Update: {
      Key: expenditureKey(store, id),
      UpdateExpression: 'SET evidenceFileId = :f',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':f': fileId },
    },
  };
}
const publicExpenditureKey = (store: TenantStore, villageId: string, date: string, id: string) => ({
  pk: store.pk('PUBLIC_EXPENDITURE', villageId),
  sk: `${date}#${id}`,
});
// Access pattern: the receipt serial numbers → pk COUNTERS, sk DONATION_SERIAL.

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _p, sk: _s, ...rest } = item;
  return rest as T;
};

export async function getDonationRecord(store: TenantStore, id: string): Promise<DonationRecord | null> {
  const item = await store.get<Record<string, unknown>>(store.pk('DONATION'), id);
  return item ? stripKeys<DonationRecord>(item) : null;
}

export async function listDonationRecords(
  store: TenantStore,
  q: { villageId?: string; organizationId?: string; kind?: string; status?: string; limit: number; cursor?: string },
) {
  const page = await store.query<Record<string, unknown>>({
    pk: store.pk('DONATION'),
    limit: q.limit,
    cursor: q.cursor,
    forward: false,
    filter: filterWhere({ villageId: q.villageId, organizationId: q.organizationId, kind: q.kind, status: q.status }),
  });
  return { items: page.items.map((i) => stripKeys<DonationRecord>(i)), nextCursor: page.nextCursor };
}

/** The next receipt serial number (a gap is possible if the write after it fails; never a repeat). */
export async function nextSerial(store: TenantStore, year: string): Promise<string> {
  const n = await store.increment(store.pk('COUNTERS'), 'DONATION_SERIAL', 'n', 1);
  return `JZ-${year}-${String(n).padStart(6, '0')}`;
}

export function putDonationTx(store: TenantStore, d: DonationRecord): TxItem {
  return { Put: { Item: { ...donationKey(store, d.id), ...d }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** A donation's status moves only from the states named; else the failWith. */
export function moveDonationTx(store: TenantStore, id: string, from: Donation['status'][], set: Record<string, unknown>, failWith: AppError): TxItem {
  const names: Record<string, string> = { '#st': 'status' };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [k, v] of Object.entries(set)) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  from.forEach((s, i) => (values[`:from${i}`] = s));
  return {
    Update: {
      Key: donationKey(store, id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: `attribute_exists(pk) AND #st IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    failWith,
  };
}

/** A confirmed donation into its village's counters (cash: received and balance; goods apart). */
export function fundsInTx(store: TenantStore, villageId: string, kind: Donation['kind'], amountFen: number): TxItem {
  const expr =
    kind === 'cash'
      ? 'ADD cashReceivedFen :a, balanceFen :a, cashUsedFen :z, refundedFen :z, goodsFen :z'
      : 'ADD goodsFen :a, cashReceivedFen :z, cashUsedFen :z, balanceFen :z, refundedFen :z';
  return { Update: { Key: fundsKey(store, villageId), UpdateExpression: expr, ExpressionAttributeValues: { ':a': amountFen, ':z': 0 } } };
}

/** Cash out of a village's balance — spent (by category) or refunded — only if the balance covers it. */
export function fundsOutTx(
  store: TenantStore,
  villageId: string,
  amountFen: number,
  as: { spent: Expenditure['category'] } | 'refund',
  failWith: AppError,
): TxItem {
  const names: Record<string, string> = {};
  let expr = 'ADD balanceFen :neg';
  if (as === 'refund') expr += ', refundedFen :a';
  else {
    names['#cat'] = `used_${as.spent}`;
    expr += ', cashUsedFen :a, #cat :a';
  }
  return {
    Update: {
      Key: fundsKey(store, villageId),
      UpdateExpression: expr,
      ConditionExpression: 'balanceFen >= :a',
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: { ':a': amountFen, ':neg': -amountFen },
    },
    failWith,
  };
}

/** A cash refund taken back (the provider refused it): the amount in the balance again, out of refunded. */
export function fundsRefundUndoneTx(store: TenantStore, villageId: string, amountFen: number): TxItem {
  return {
    Update: {
      Key: fundsKey(store, villageId),
      UpdateExpression: 'ADD balanceFen :a, refundedFen :neg',
      ExpressionAttributeValues: { ':a': amountFen, ':neg': -amountFen },
    },
  };
}

/** Goods given back (a goods donation withdrawn): out of the goods column. */
export function goodsOutTx(store: TenantStore, villageId: string, amountFen: number): TxItem {
  return { Update: { Key: fundsKey(store, villageId), UpdateExpression: 'ADD goodsFen :neg', ExpressionAttributeValues: { ':neg': -amountFen } } };
}

/**
 * An organization's confirmed donations (rule 6) moved by `byFen`: the all-time column and the
 * columns of the donation date's calendar year and month (`cash_2026`, `goods_2026-06`), so a
 * year's recognition or a half-year's assessment reads one item per organization. A refund moves the
 * year and month the donation was dated in.
 */
export function orgFundsTx(store: TenantStore, orgId: string, kind: Donation['kind'], byFen: number, date: string): TxItem {
  const column = kind === 'cash' ? 'cashFen' : 'goodsFen';
  return {
    Update: {
      Key: orgFundsKey(store, orgId),
      UpdateExpression: 'ADD #all :b, #year :b, #month :b SET organizationId = :o',
      ExpressionAttributeNames: { '#all': column, '#year': orgFundsYearColumn(kind, date.slice(0, 4)), '#month': orgFundsYearColumn(kind, date.slice(0, 7)) },
      ExpressionAttributeValues: { ':b': byFen, ':o': orgId },
    },
  };
}

/** A per-year or per-month column of ORG_FUNDS: `cash_<YYYY>`, `goods_<YYYY-MM>`. */
export const orgFundsYearColumn = (kind: Donation['kind'], year: string) => `${kind}_${year}`;

/** The per-year columns of every organization set to `byYear` (the backfill from the donation records). */
export function setOrgFundsYearsTx(store: TenantStore, orgId: string, byYear: Map<string, { cash: number; goods: number }>): TxItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':o': orgId };
  const sets = ['organizationId = :o'];
  let n = 0;
  for (const [year, v] of byYear) {
    for (const kind of ['cash', 'goods'] as const) {
      names[`#c${n}`] = orgFundsYearColumn(kind, year);
      values[`:v${n}`] = v[kind];
      sets.push(`#c${n} = :v${n}`);
      n++;
    }
  }
  return {
    Update: {
      Key: orgFundsKey(store, orgId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ...(n ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

export type FundsRecord = VillageFunds & {
  usedByCategory: Record<string, number>;
  /** consumption-aid sales of the village's listings (orders/store.ts villageSalesTx) */
  salesFen: number;
  paidOrders: number;
  /** concerns about the village (and its listings): received, and resolved or dismissed */
  concernsReceived: number;
  concernsResolved: number;
};

function toFunds(villageId: string, i: Record<string, unknown> | null | undefined): FundsRecord {
  const n = (k: string) => (typeof i?.[k] === 'number' ? (i[k] as number) : 0);
  const usedByCategory: Record<string, number> = {};
  for (const c of EXPENDITURE_CATEGORIES) if (n(`used_${c}`)) usedByCategory[c] = n(`used_${c}`);
  return {
    villageId,
    cashReceivedFen: n('cashReceivedFen'),
    cashUsedFen: n('cashUsedFen'),
    balanceFen: n('balanceFen'),
    refundedFen: n('refundedFen'),
    goodsFen: n('goodsFen'),
    usedByCategory,
    salesFen: n('salesFen'),
    paidOrders: n('paidOrders'),
    concernsReceived: n('concernsReceived'),
    concernsResolved: n('concernsResolved'),
  };
}

export async function villageFunds(store: TenantStore, villageId: string): Promise<FundsRecord> {
  const k = fundsKey(store, villageId);
  return toFunds(villageId, await store.get<Record<string, unknown>>(k.pk, k.sk));
}

/** Every village's counters (one Query on the FUNDS partition). */
export async function allVillageFunds(store: TenantStore): Promise<Map<string, FundsRecord>> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('FUNDS') }, 10_000);
  return new Map(items.map((i) => [String(i.sk), toFunds(String(i.sk), i)]));
}

export type OrgFunds = {
  cashFen: number;
  goodsFen: number;
  years: Map<string, { cashFen: number; goodsFen: number }>;
  /** by month, YYYY-MM */
  months: Map<string, { cashFen: number; goodsFen: number }>;
};

/** Every organization's confirmed donations, all-time, per calendar year and per month (one Query on the ORG_FUNDS partition). */
export async function allOrgFunds(store: TenantStore): Promise<Map<string, OrgFunds>> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('ORG_FUNDS') }, 10_000);
  return new Map(
    items.map((i) => {
      const years = new Map<string, { cashFen: number; goodsFen: number }>();
      const months = new Map<string, { cashFen: number; goodsFen: number }>();
      for (const [k, v] of Object.entries(i)) {
        const m = /^(cash|goods)_(\d{4}(-\d{2})?)$/.exec(k);
        if (!m) continue;
        const into = m[3] ? months : years;
        const y = into.get(m[2]) ?? { cashFen: 0, goodsFen: 0 };
        y[m[1] === 'cash' ? 'cashFen' : 'goodsFen'] += Number(v ?? 0);
        into.set(m[2], y);
      }
      return [String(i.sk), { cashFen: Number(i.cashFen ?? 0), goodsFen: Number(i.goodsFen ?? 0), years, months }];
    }),
  );
}

export function publicDonationOf(d: DonationRecord): PublicDonation {
  return {
    id: d.id,
    villageId: d.villageId,
    villageName: d.villageName,
    kind: d.kind,
    amountFen: d.amountFen,
    donorName: d.anonymous ? null : d.donorName,
    donorType: d.donorType,
    anonymous: d.anonymous,
    description: d.kind === 'goods' ? d.description : null,
    date: d.date,
  };
}

/** The public projections of a confirmed donation (tenant-wide and the village's). */
export function putPublicDonationTx(store: TenantStore, d: DonationRecord, at: string): TxItem[] {
  const p = publicDonationOf(d);
  return [null, d.villageId].map((v) => ({ Put: { Item: { ...publicDonationKey(store, v, at, d.id), ...p } } }));
}

export function deletePublicDonationTx(store: TenantStore, d: DonationRecord, at: string): TxItem[] {
  return [null, d.villageId].map((v) => ({ Delete: { Key: publicDonationKey(store, v, at, d.id) } }));
}

export async function recentPublicDonations(store: TenantStore, villageId: string | null, limit: number): Promise<PublicDonation[]> {
  const page = await store.query<Record<string, unknown>>({
    pk: villageId ? store.pk('PUBLIC_DONATION', villageId) : store.pk('PUBLIC_DONATION'),
    limit,
    forward: false,
  });
  return page.items.map((i) => stripKeys<PublicDonation>(i));
}

export function putExpenditureTx(store: TenantStore, e: Expenditure): TxItem[] {
  const p: PublicExpenditure = { id: e.id, villageId: e.villageId, amountFen: e.amountFen, purpose: e.purpose, category: e.category, date: e.date };
  return [
    { Put: { Item: { ...expenditureKey(store, e.id), ...e }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { Item: { ...publicExpenditureKey(store, e.villageId, e.date, e.id), ...p } } },
  ];
}

export async function getExpenditure(store: TenantStore, id: string): Promise<Expenditure | null> {
  const item = await store.get<Record<string, unknown>>(store.pk('EXPENDITURE'), id);
  return item ? stripKeys<Expenditure>(item) : null;
}

export async function listExpenditures(store: TenantStore, q: { villageId?: string; limit: number; cursor?: string }) {
  const page = await store.query<Record<string, unknown>>({
    pk: store.pk('EXPENDITURE'),
    limit: q.limit,
    cursor: q.cursor,
    forward: false,
    filter: q.villageId ? { expression: '#v = :v', names: { '#v': 'villageId' }, values: { ':v': q.villageId } } : undefined,
  });
  return { items: page.items.map((i) => stripKeys<Expenditure>(i)), nextCursor: page.nextCursor };
}

export async function publicExpenditures(store: TenantStore, villageId: string, limit: number): Promise<PublicExpenditure[]> {
  const page = await store.query<Record<string, unknown>>({ pk: store.pk('PUBLIC_EXPENDITURE', villageId), limit, forward: false });
  return page.items.map((i) => stripKeys<PublicExpenditure>(i));
}
