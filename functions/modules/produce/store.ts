import type { Produce } from '../../../shared/schemas/produce.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { filterWhere } from '../../store/filters.js';

/**
 * A listing as stored. Next to `stock` and `sold` it keeps `held` (units in open holds, expired or
 * not until they are released) and `unreserved` = stock − sold − held: DynamoDB conditions cannot
 * subtract, so the number a checkout must compare against is kept ready, and every write that
 * moves one of the others moves it in the same expression.
 */
export type ProduceRecord = Omit<Produce, 'available' | 'photoUrls' | 'photoSrcSets'> & {
  held: number;
  unreserved: number;
  /** the photos uploaded with WebP sizes; older photos are served as uploaded */
  sizedPhotos?: string[];
};

// Access pattern: a listing by id, and all of a tenant's listings newest first → pk PRODUCE, sk <id>.
export const produceKey = (store: TenantStore, id: string) => ({ pk: store.pk('PRODUCE'), sk: id });
// Access pattern: the shop — published listings, newest first → pk SHOP, sk <id>; the entry exists
// exactly while the listing is published (written in the same transaction as the status).
const shopKey = (store: TenantStore, id: string) => ({ pk: store.pk('SHOP'), sk: id });
// Access pattern: the tenant's count of published listings (public figures) → pk COUNTERS, sk PRODUCE.
const countersKey = (store: TenantStore) => ({ pk: store.pk('COUNTERS'), sk: 'PRODUCE' });
// Access pattern: a photo by id (serving it publicly) → pk PHOTO, sk <photoId>.
export const photoKey = (store: TenantStore, photoId: string) => ({ pk: store.pk('PHOTO'), sk: photoId });

export type PhotoRecord = {
  photoId: string;
  produceId: string;
  contentType: string;
  bytes: number;
  fileKey: string;
  createdAt: string;
  /** widths of its WebP sizes (beside the original: functions/modules/photos/keys.ts); absent before issue 16 */
  sizes?: number[];
};

/** GSI attributes: a village's listings (byVillage) and an organization's listings (byOrganization). */
function indexAttrs(store: TenantStore, p: Pick<ProduceRecord, 'id' | 'villageId' | 'organizationId' | 'createdAt'>) {
  const sk = `PRODUCE#${p.createdAt}#${p.id}`;
  return {
    villagePk: store.pk('VILLAGE', p.villageId),
    villageSk: sk,
    ...(p.organizationId ? { orgPk: store.pk('ORG', p.organizationId), orgSk: sk } : {}),
  };
}

export function strip(item: Record<string, unknown>): ProduceRecord {
  const { pk: _p, sk: _s, villagePk: _vp, villageSk: _vs, orgPk: _op, orgSk: _os, ...rest } = item;
  return rest as ProduceRecord;
}

export async function getProduceRecord(store: TenantStore, id: string): Promise<ProduceRecord | null> {
  const item = await store.get<Record<string, unknown>>(produceKey(store, id).pk, id);
  return item ? strip(item) : null;
}

export async function getProduceRecords(store: TenantStore, ids: string[]): Promise<Map<string, ProduceRecord>> {
  const items = await store.getMany<Record<string, unknown>>(ids.map((id) => produceKey(store, id)));
  return new Map(items.map((i) => [i.sk as string, strip(i)]));
}

type Filters = { villageId?: string; status?: string; category?: string };

function filterOf(f: Filters) {
  return filterWhere(f);
}

/** Listings newest first: of one organization (byOrganization), of one village (byVillage), or all. */
export async function listProduceRecords(store: TenantStore, q: Filters & { organizationId?: string; limit: number; cursor?: string }) {
  let query;
  let filters: Filters = { status: q.status, category: q.category };
  if (q.organizationId) {
    query = { pk: store.pk('ORG', q.organizationId), index: 'byOrganization' as const, skBeginsWith: 'PRODUCE#' };
    filters = { ...filters, villageId: q.villageId };
  } else if (q.villageId) {
    query = { pk: store.pk('VILLAGE', q.villageId), index: 'byVillage' as const, skBeginsWith: 'PRODUCE#' };
  } else {
    query = { pk: store.pk('PRODUCE') };
  }
  const page = await store.query<Record<string, unknown>>({ ...query, forward: false, limit: q.limit, cursor: q.cursor, filter: filterOf(filters) });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

/** The shop: published listings newest first, by village and category. */
export async function listShopRecords(store: TenantStore, q: { villageId?: string; category?: string; limit: number; cursor?: string }) {
  const page = await store.query<{ produceId: string }>({
    pk: shopKey(store, '').pk,
    forward: false,
    limit: q.limit,
    cursor: q.cursor,
    filter: filterOf({ villageId: q.villageId, category: q.category }),
  });
  const records = await getProduceRecords(
    store,
    page.items.map((e) => e.produceId),
  );
  const items = page.items.map((e) => records.get(e.produceId)).filter((p): p is ProduceRecord => p?.status === 'published');
  return { items, nextCursor: page.nextCursor };
}

export async function publishedCount(store: TenantStore): Promise<number> {
  const k = countersKey(store);
  return (await store.get<{ published?: number }>(k.pk, k.sk, false))?.published ?? 0;
}

function publishedCountTx(store: TenantStore, by: number): TxItem {
  return { Update: { Key: countersKey(store), UpdateExpression: 'ADD published :by', ExpressionAttributeValues: { ':by': by } } };
}

function shopEntryTx(store: TenantStore, p: ProduceRecord, published: boolean): TxItem {
  return published
    ? { Put: { Item: { ...shopKey(store, p.id), produceId: p.id, villageId: p.villageId, category: p.category } } }
    : { Delete: { Key: shopKey(store, p.id) } };
}

export function putNewProduceTx(store: TenantStore, p: ProduceRecord): TxItem[] {
  const tx: TxItem[] = [{ Put: { Item: { ...produceKey(store, p.id), ...indexAttrs(store, p), ...p }, ConditionExpression: 'attribute_not_exists(pk)' } }];
  if (p.status === 'published') tx.push(shopEntryTx(store, p, true), publishedCountTx(store, 1));
  return tx;
}

/** Fields an edit may set (never the counters, which only checkouts and orders move). */
const EDITABLE = [
  'name',
  'category',
  'unit',
  'priceFen',
  'kind',
  'status',
  'certificationNo',
  'description',
  'origin',
  'adoption',
  'photos',
  'villageName',
  'township',
  'updatedAt',
] as const;

/**
 * An edit, as an Update so it never overwrites the counters a checkout moves at the same moment.
 * Conditional on nobody else having edited since `before` was read, and on the new stock covering
 * what is sold and held (unreserved stays ≥ 0).
 */
export function updateProduceTx(store: TenantStore, before: ProduceRecord, after: ProduceRecord): TxItem[] {
  const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':prev': before.updatedAt };
  const sets: string[] = [];
  const removes: string[] = [];
  EDITABLE.forEach((field, i) => {
    const value = after[field];
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:v${i}`] = value;
      sets.push(`#f${i} = :v${i}`);
    }
  });
  const conditions = ['#updatedAt = :prev'];
  const delta = after.stock - before.stock;
  if (delta !== 0) {
    names['#stock'] = 'stock';
    names['#unreserved'] = 'unreserved';
    values[':stock'] = after.stock;
    values[':delta'] = delta;
    sets.push('#stock = :stock', '#unreserved = #unreserved + :delta');
    if (delta < 0) {
      values[':need'] = -delta;
      conditions.push('#unreserved >= :need');
    }
  }
  const tx: TxItem[] = [
    {
      Update: {
        Key: produceKey(store, before.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      failWith: new AppError('conflict', 409, 'listing_update_refused'),
    },
  ];
  const was = before.status === 'published';
  const is = after.status === 'published';
  if (is) tx.push(shopEntryTx(store, after, true));
  else if (was) tx.push(shopEntryTx(store, after, false));
  if (was !== is) tx.push(publishedCountTx(store, is ? 1 : -1));
  return tx;
}

/** A new photo appended to the listing, at most `max`. */
export function addPhotoTx(store: TenantStore, photo: PhotoRecord, max: number, at: string): TxItem[] {
  return [
    { Put: { Item: { ...photoKey(store, photo.photoId), ...photo }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        Key: produceKey(store, photo.produceId),
        UpdateExpression: `SET photos = list_append(photos, :p), updatedAt = :at${photo.sizes ? ', sizedPhotos = list_append(if_not_exists(sizedPhotos, :none), :p)' : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND size(photos) < :max',
        ExpressionAttributeValues: { ':p': [photo.photoId], ':max': max, ':at': at, ...(photo.sizes ? { ':none': [] } : {}) },
      },
      failWith: AppError.conflict(`每个商品最多 ${max} 张照片`, { reason: 'too_many_photos', max }),
    },
  ];
}

export async function getPhotoRecord(store: TenantStore, photoId: string): Promise<PhotoRecord | null> {
  const k = photoKey(store, photoId);
  const item = await store.get<PhotoRecord & { pk: string; sk: string }>(k.pk, k.sk, false);
  if (!item) return null;
  const { pk: _p, sk: _s, ...rest } = item;
  return rest;
}

// ——— stock movements: each keeps unreserved = stock − sold − held ———

type Line = { produceId: string; quantity: number };

function move(store: TenantStore, l: Line, expr: string, condition: string, failWith?: AppError): TxItem {
  const published = condition.includes(':published');
  return {
    Update: {
      Key: produceKey(store, l.produceId),
      UpdateExpression: expr,
      ConditionExpression: condition,
      ...(published ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: { ':q': l.quantity, ...(published ? { ':published': 'published' } : {}) },
    },
    failWith,
  };
}

/** Checkout: published, and the unreserved units cover the quantity → they become held. */
export const holdStockTx = (store: TenantStore, l: Line, failWith: AppError) =>
  move(store, l, 'SET held = held + :q, unreserved = unreserved - :q', '#status = :published AND unreserved >= :q', failWith);
/** Paid: held units become sold. */
export const sellHeldTx = (store: TenantStore, l: Line) => move(store, l, 'SET held = held - :q, sold = sold + :q', 'attribute_exists(pk) AND held >= :q');
/** Expired or cancelled: held units are free again. */
export const releaseHeldTx = (store: TenantStore, l: Line) =>
  move(store, l, 'SET held = held - :q, unreserved = unreserved + :q', 'attribute_exists(pk) AND held >= :q');
/** A payment after expiry: sold straight from the unreserved units, if they still cover it. */
export const sellUnreservedTx = (store: TenantStore, l: Line, failWith: AppError) =>
  move(store, l, 'SET unreserved = unreserved - :q, sold = sold + :q', 'attribute_exists(pk) AND unreserved >= :q', failWith);
/** Refund before shipping: the units leave `sold` and are for sale again. */
export const unsellToStockTx = (store: TenantStore, l: Line) =>
  move(store, l, 'SET sold = sold - :q, unreserved = unreserved + :q', 'attribute_exists(pk) AND sold >= :q');
/** Refund after shipping: the units leave `sold` and, being gone, `stock` too. */
export const unsellShippedTx = (store: TenantStore, l: Line) =>
  move(store, l, 'SET sold = sold - :q, stock = stock - :q', 'attribute_exists(pk) AND sold >= :q');
