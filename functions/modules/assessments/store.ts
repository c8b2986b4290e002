import type { Scheme } from '../../../shared/schemas/assessments.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { AppError } from '../../errors.js';
import { normalizedName } from '../recognition/store.js';

// Access pattern: a tenant's assessment schemes, newest first → pk ASSESS_SCHEME, sk <createdAt>#<id>.
const schemeKey = (store: TenantStore, s: Pick<Scheme, 'id' | 'createdAt'>) => ({ pk: store.pk('ASSESS_SCHEME'), sk: `${s.createdAt}#${s.id}` });
// Access pattern: the bureau's manual scores and vetoes of one scheme and period, all at once →
// pk ASSESS_SCORE, sk <schemeId>#<period>#<orgId>#<itemId>.
const scoreKey = (store: TenantStore, schemeId: string, period: string, orgId: string, itemId: string) => ({
  pk: store.pk('ASSESS_SCORE'),
  sk: `${schemeId}#${period}#${orgId}#${itemId}`,
});

export type ManualScore = { organizationId: string; itemId: string; points?: number; vetoed?: boolean; reason: string; by: string; at: string };

const strip = <T extends Record<string, unknown>>({ pk: _p, sk: _s, ...rest }: T & { pk?: string; sk?: string }) => rest as unknown as T;

export async function listSchemes(store: TenantStore): Promise<Scheme[]> {
  const items = await store.queryAll<Scheme & { pk: string; sk: string }>({ pk: store.pk('ASSESS_SCHEME'), forward: false }, 500);
  return items.map((i) => strip<Scheme>(i));
}

// Access pattern: is this scheme name taken in the tenant? → pk ASSESS_SCHEME_NAME, sk <normalized name>.
const schemeNameKey = (store: TenantStore, name: string) => ({ pk: store.pk('ASSESS_SCHEME_NAME'), sk: normalizedName(name) });

/** A new scheme and its name's claim: a second scheme of the same name (ignoring spaces, case and width) fails the transaction. */
export function putSchemeTx(store: TenantStore, s: Scheme): TxItem[] {
  return [
    { Put: { Item: { ...schemeKey(store, s), ...s }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: { Item: { ...schemeNameKey(store, s.name), schemeId: s.id }, ConditionExpression: 'attribute_not_exists(pk)' },
      failWith: AppError.conflict(`已有名为「${s.name}」的考核方案`, [{ path: 'name', code: 'duplicate', message: '已有同名的考核方案' }]),
    },
  ];
}

export async function manualScores(store: TenantStore, schemeId: string, period: string): Promise<ManualScore[]> {
  const items = await store.queryAll<ManualScore & { pk: string; sk: string }>(
    { pk: store.pk('ASSESS_SCORE'), skBeginsWith: `${schemeId}#${period}#` },
    100_000,
  );
  return items.map((i) => strip<ManualScore>(i));
}

export async function getManualScore(store: TenantStore, schemeId: string, period: string, orgId: string, itemId: string): Promise<ManualScore | null> {
  const k = scoreKey(store, schemeId, period, orgId, itemId);
  const item = await store.get<ManualScore & { pk: string; sk: string }>(k.pk, k.sk);
  return item ? strip<ManualScore>(item) : null;
}

/** The score as given, replacing the one read (`prevAt`; none: it must still be absent), so two bureau users never overwrite each other blind. */
export function putManualScoreTx(store: TenantStore, schemeId: string, period: string, s: ManualScore, prevAt: string | null, failWith: AppError): TxItem {
  return {
    Put: {
      Item: { ...scoreKey(store, schemeId, period, s.organizationId, s.itemId), ...s },
      ...(prevAt
        ? { ConditionExpression: '#at = :prev', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':prev': prevAt } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
    failWith,
  };
}
