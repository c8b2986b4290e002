import type { RecognitionCategory } from '../../../shared/schemas/recognition.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { orgKey } from '../organizations/store.js';

export type CategoryRecord = Omit<RecognitionCategory, 'organizations'>;

// Access pattern: a recognition category by id, and all of the tenant's → pk RECOGCAT, sk <id>.
const categoryKey = (store: TenantStore, id: string) => ({ pk: store.pk('RECOGCAT'), sk: id });
// Access pattern: is this category name taken in the tenant? → pk RECOGCATNAME, sk <normalized name>.
const categoryNameKey = (store: TenantStore, name: string) => ({ pk: store.pk('RECOGCATNAME'), sk: normalizedName(name) });

/** Names compare without spaces, case or full/half width: 委组 and ＂委 组＂ are one category. */
export const normalizedName = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const strip = ({ pk: _p, sk: _s, ...rest }: CategoryRecord & { pk?: string; sk?: string }): CategoryRecord => rest;

export async function getCategoryRecord(store: TenantStore, id: string): Promise<CategoryRecord | null> {
  const k = categoryKey(store, id);
  const item = await store.get<CategoryRecord & { pk: string; sk: string }>(k.pk, k.sk);
  return item ? strip(item) : null;
}

export async function listCategoryRecords(store: TenantStore): Promise<CategoryRecord[]> {
  const items = await store.queryAll<CategoryRecord & { pk: string; sk: string }>({ pk: categoryKey(store, '').pk }, 1000);
  return items.map(strip).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

const nameTaken = (name: string) => AppError.conflict(`已有名为「${name}」的表彰类别`, [{ path: 'name', code: 'duplicate', message: '已有同名的表彰类别' }]);

/** A new category and its name's claim: a second category of the same name fails the transaction. */
export function putNewCategoryTx(store: TenantStore, c: CategoryRecord): TxItem[] {
  return [
    { Put: { Item: { ...categoryKey(store, c.id), ...c }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { Item: { ...categoryNameKey(store, c.name), categoryId: c.id }, ConditionExpression: 'attribute_not_exists(pk)' }, failWith: nameTaken(c.name) },
  ];
}

/** The category as edited, conditional on nothing having changed since it was read; a rename moves the name claim. */
export function putChangedCategoryTx(store: TenantStore, before: CategoryRecord, after: CategoryRecord): TxItem[] {
  const tx: TxItem[] = [
    {
      Put: {
        Item: { ...categoryKey(store, after.id), ...after },
        ConditionExpression: 'updatedAt = :prev',
        ExpressionAttributeValues: { ':prev': before.updatedAt },
      },
      failWith: AppError.conflict('表彰类别已被他人修改，请刷新后重试'),
    },
  ];
  if (normalizedName(before.name) !== normalizedName(after.name)) {
    tx.push(
      {
        Put: { Item: { ...categoryNameKey(store, after.name), categoryId: after.id }, ConditionExpression: 'attribute_not_exists(pk)' },
        failWith: nameTaken(after.name),
      },
      { Delete: { Key: categoryNameKey(store, before.name), ConditionExpression: 'categoryId = :me', ExpressionAttributeValues: { ':me': after.id } } },
    );
  }
  return tx;
}

/**
 * The organization put in `categoryId` (null: out of every category), conditional on the record
 * being the one read (a whole-record write of the organization checks updatedAt the same way) and,
 * when a category is named, on that category still existing in this tenant.
 */
export function assignCategoryTx(store: TenantStore, orgId: string, prevUpdatedAt: string, categoryId: string | null, at: string): TxItem[] {
  const tx: TxItem[] = [
    {
      Update: {
        Key: orgKey(store, orgId),
        UpdateExpression: 'SET recognitionCategoryId = :c, updatedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND updatedAt = :prev',
        ExpressionAttributeValues: { ':c': categoryId, ':at': at, ':prev': prevUpdatedAt },
      },
      failWith: AppError.conflict('组织已被他人修改，请刷新后重试'),
    },
  ];
  if (categoryId)
    tx.push({
      ConditionCheck: { Key: categoryKey(store, categoryId), ConditionExpression: 'attribute_exists(pk)' },
      failWith: AppError.notFound('表彰类别'),
    });
  return tx;
}
