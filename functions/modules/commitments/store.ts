import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/** Rule 9: what an organization committed to buy in a year, and what its members bought. */
export type CommitmentRecord = { organizationId: string; year: number; committedFen: number; purchasedFen: number; updatedAt?: string };

// Access pattern: every organization's commitment and purchases in one year → pk COMMITMENT#<year>, sk <orgId>.
const commitmentKey = (store: TenantStore, year: number, orgId: string) => ({ pk: store.pk('COMMITMENT', String(year)), sk: orgId });

export async function commitmentsOfYear(store: TenantStore, year: number): Promise<Map<string, CommitmentRecord>> {
  const items = await store.queryAll<CommitmentRecord & { pk: string; sk: string }>({ pk: commitmentKey(store, year, '').pk }, 5000);
  return new Map(items.map((i) => [i.sk, { organizationId: i.sk, year, committedFen: i.committedFen ?? 0, purchasedFen: i.purchasedFen ?? 0 }]));
}

export async function getCommitment(store: TenantStore, year: number, orgId: string): Promise<CommitmentRecord> {
  const k = commitmentKey(store, year, orgId);
  const item = await store.get<CommitmentRecord>(k.pk, k.sk);
  return { organizationId: orgId, year, committedFen: item?.committedFen ?? 0, purchasedFen: item?.purchasedFen ?? 0 };
}

/**
 * The amount committed, set (purchases untouched). With `prevFen` (the amount read before), only if
 * it is still that amount: the year's commitment counters move by the difference in the same transaction.
 */
export function setCommittedTx(store: TenantStore, year: number, orgId: string, amountFen: number, at: string, prevFen?: number): TxItem {
  return {
    Update: {
      Key: commitmentKey(store, year, orgId),
      UpdateExpression: 'SET committedFen = :a, organizationId = :o, #year = :y, updatedAt = :at',
      ExpressionAttributeNames: { '#year': 'year' },
      ExpressionAttributeValues: { ':a': amountFen, ':o': orgId, ':y': year, ':at': at, ...(prevFen !== undefined ? { ':prev': prevFen } : {}) },
      ...(prevFen === undefined
        ? {}
        : { ConditionExpression: prevFen === 0 ? 'attribute_not_exists(committedFen) OR committedFen = :prev' : 'committedFen = :prev' }),
    },
    failWith: AppError.conflict('承诺金额刚刚被他人修改，请刷新后重试'),
  };
}

/** A member's paid order (+) or its refund (−), in the same transaction as the order's transition. */
export function purchasedTx(store: TenantStore, year: number, orgId: string, byFen: number): TxItem {
  return {
    Update: {
      Key: commitmentKey(store, year, orgId),
      UpdateExpression: 'ADD purchasedFen :by SET organizationId = :o, #year = :y',
      ExpressionAttributeNames: { '#year': 'year' },
      ExpressionAttributeValues: { ':by': byFen, ':o': orgId, ':y': year },
    },
  };
}
