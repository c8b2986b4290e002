import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import type { StoryStatus } from '../../../shared/schemas/stories.js';

/** A story as stored: the contract's fields and who wrote it. */
export type StoryRecord = {
  id: string;
  title: string;
  summary: string;
  body: string;
  status: StoryStatus;
  publishedAt: string | null;
  villageIds: string[];
  organizationIds: string[];
  pairingIds: string[];
  /** its photos' ids: the files at photoOriginalKey(tenant, photoId), WebP sizes beside (functions/modules/photos/keys.ts) */
  photoIds: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

// Access pattern: a story by id, and all of a tenant's stories (a few dozen a year) → pk STORY, sk <id>.
export const storyKey = (store: TenantStore, id: string) => ({ pk: store.pk('STORY'), sk: id });

const strip = (i: Record<string, unknown>): StoryRecord => {
  const { pk: _p, sk: _s, ...rest } = i;
  return rest as StoryRecord;
};

export async function getStoryRecord(store: TenantStore, id: string): Promise<StoryRecord | null> {
  const k = storyKey(store, id);
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  return item ? strip(item) : null;
}

/** Every story of the tenant (bounded). */
export async function allStoryRecords(store: TenantStore): Promise<StoryRecord[]> {
  return (await store.queryAll<Record<string, unknown>>({ pk: store.pk('STORY') }, 2000)).map(strip);
}

export function putStoryTx(store: TenantStore, s: StoryRecord): TxItem {
  return { Put: { Item: { ...storyKey(store, s.id), ...s }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The story replaced by `after` only while it is still what was read (same updatedAt). */
export function replaceStoryTx(store: TenantStore, after: StoryRecord, prevUpdatedAt: string, failWith: TxItem['failWith']): TxItem {
  return {
    Put: {
      Item: { ...storyKey(store, after.id), ...after },
      ConditionExpression: 'attribute_exists(pk) AND updatedAt = :prev',
      ExpressionAttributeValues: { ':prev': prevUpdatedAt },
    },
    failWith,
  };
}

/** A photo appended while the story has fewer than `max` (the condition, not the read, holds the limit). */
export function addStoryPhotoTx(store: TenantStore, id: string, photoId: string, max: number, at: string, failWith: TxItem['failWith']): TxItem {
  return {
    Update: {
      Key: storyKey(store, id),
      UpdateExpression: 'SET photoIds = list_append(photoIds, :p), updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND size(photoIds) < :max',
      ExpressionAttributeValues: { ':p': [photoId], ':at': at, ':max': max },
    },
    failWith,
  };
}

/**
 * A photo taken off the story: the list replaced only while it is still the one read, so two removals
 * (or a removal and an upload) at once cannot lose a photo or bring one back.
 */
export function removeStoryPhotoTx(store: TenantStore, id: string, photoIds: string[], photoId: string, at: string, failWith: TxItem['failWith']): TxItem {
  return {
    Update: {
      Key: storyKey(store, id),
      UpdateExpression: 'SET photoIds = :after, updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND photoIds = :before',
      ExpressionAttributeValues: { ':after': photoIds.filter((p) => p !== photoId), ':before': photoIds, ':at': at },
    },
    failWith,
  };
}
