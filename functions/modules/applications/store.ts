import type { Application } from '../../../shared/schemas/accounts.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { AppError } from '../../errors.js';

/** An application as stored: the record, its status token's hash, its documents' file keys. */
export type ApplicationItem = Omit<Application, 'documents' | 'villages'> & {
  statusTokenHash: string;
  locale: 'zh-CN' | 'en';
  documents: { id: string; fileName: string; contentType: Application['documents'][number]['contentType']; bytes: number; key: string }[];
};

// Access pattern: a tenant's applications, newest first, and one by id → pk APPLICATION, sk <id>.
export const applicationKey = (store: TenantStore, id: string) => ({ pk: store.pk('APPLICATION'), sk: id });
// Access pattern: a credit code with an application under review → pk APP_CREDITCODE, sk <code>.
export const pendingCodeKey = (store: TenantStore, code: string) => ({ pk: store.pk('APP_CREDITCODE'), sk: code });
// Access pattern: is a credit code registered (organizations/store.ts claims it) → pk CREDITCODE, sk <code>.
export const registeredCodeKey = (store: TenantStore, code: string) => ({ pk: store.pk('CREDITCODE'), sk: code });

/**
 * A new application and its credit code's claim: one application under review per code
 * (`codePending`), none for a code an organization already holds (`codeRegistered`: one
 * registered meanwhile, the bureau typing it in, still wins).
 */
export function putApplicationTx(store: TenantStore, item: ApplicationItem, codePending: AppError, codeRegistered: AppError): TxItem[] {
  return [
    { Put: { Item: { ...applicationKey(store, item.id), ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: { Item: { ...pendingCodeKey(store, item.creditCode), applicationId: item.id }, ConditionExpression: 'attribute_not_exists(pk)' },
      failWith: codePending,
    },
    { ConditionCheck: { Key: registeredCodeKey(store, item.creditCode), ConditionExpression: 'attribute_not_exists(pk)' }, failWith: codeRegistered },
  ];
}

export async function getApplicationItem(store: TenantStore, id: string): Promise<ApplicationItem | null> {
  const k = applicationKey(store, id);
  return store.get<ApplicationItem>(k.pk, k.sk);
}

export async function listApplicationItems(store: TenantStore, q: { status?: string; limit: number; cursor?: string }) {
  return store.query<ApplicationItem>({
    pk: store.pk('APPLICATION'),
    forward: false,
    limit: q.limit,
    cursor: q.cursor,
    ...(q.status ? { filter: { expression: '#st = :st', names: { '#st': 'status' }, values: { ':st': q.status } } } : {}),
  });
}

/** The application leaves `pending` once: a second decision (or a race of two) fails here. */
export function decideApplicationTx(store: TenantStore, id: string, set: Record<string, unknown>): TxItem {
  const names: Record<string, string> = { '#st': 'status' };
  const values: Record<string, unknown> = { ':pending': 'pending' };
  const parts = Object.entries(set).map(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:v${i}`] = v;
    return `#a${i} = :v${i}`;
  });
  return {
    Update: {
      Key: applicationKey(store, id),
      UpdateExpression: `SET ${parts.join(', ')}`,
      ConditionExpression: '#st = :pending',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    failWith: AppError.conflict('该申请已处理'),
  };
}
