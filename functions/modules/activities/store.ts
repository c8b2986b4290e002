import type { Activity } from '../../../shared/schemas/activities.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { pairingKey } from '../pairings/store.js';

/** An activity as stored: its photos as ids (the view gives their addresses). */
export type ActivityRecord = Omit<Activity, 'photos'> & { photoIds?: string[] };

// Access pattern: a pairing's activities, newest first → pk PAIRING#<id>#ACTIVITY, sk <date>#<id>.
const activitiesPk = (store: TenantStore, pairingId: string) => store.pk('PAIRING', pairingId, 'ACTIVITY');
const activityKey = (store: TenantStore, a: Pick<Activity, 'pairingId' | 'date' | 'id'>) => ({ pk: activitiesPk(store, a.pairingId), sk: `${a.date}#${a.id}` });
// Access pattern: an activity by id (its photos) → pk ACTIVITY, sk <id>: where it is (pairing, date) and whose.
const pointerKey = (store: TenantStore, id: string) => ({ pk: store.pk('ACTIVITY'), sk: id });
// Access pattern: an activity photo's file → pk ACTPHOTO, sk <photoId>.
const photoKey = (store: TenantStore, photoId: string) => ({ pk: store.pk('ACTPHOTO'), sk: photoId });

export type ActivityPhotoRecord = { photoId: string; activityId: string; contentType: string; bytes: number; fileKey: string; createdAt: string };

export async function listActivityItems(store: TenantStore, pairingId: string, limit: number, cursor?: string) {
  const page = await store.query<Record<string, unknown>>({ pk: activitiesPk(store, pairingId), forward: false, limit, cursor });
  return { items: page.items.map(({ pk: _p, sk: _s, ...a }) => a as ActivityRecord), nextCursor: page.nextCursor };
}

export function putActivityTx(store: TenantStore, a: ActivityRecord): TxItem {
  return { Put: { Item: { ...activityKey(store, a), ...a }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

export function putActivityPointerTx(store: TenantStore, a: Pick<Activity, 'id' | 'pairingId' | 'date' | 'organizationId'>): TxItem {
  return {
    Put: {
      Item: { ...pointerKey(store, a.id), activityId: a.id, pairingId: a.pairingId, date: a.date, organizationId: a.organizationId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Every activity of one pairing (the migration's read). */
export async function allActivitiesOfPairing(store: TenantStore, pairingId: string): Promise<ActivityRecord[]> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: activitiesPk(store, pairingId) }, 10_000_000);
  return items.map(({ pk: _p, sk: _s, ...a }) => a as ActivityRecord);
}

export async function hasActivityPointer(store: TenantStore, id: string): Promise<boolean> {
  const p = pointerKey(store, id);
  return (await store.get(p.pk, p.sk)) !== null;
}

/** An activity by id, through its pointer (activities logged before the pointer get theirs from the migration `activity-pointers`). */
export async function getActivityById(store: TenantStore, id: string): Promise<ActivityRecord | null> {
  const p = pointerKey(store, id);
  const pointer = await store.get<{ pairingId: string; date: string }>(p.pk, p.sk);
  if (!pointer) return null;
  const k = activityKey(store, { pairingId: pointer.pairingId, date: pointer.date, id });
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  if (!item) return null;
  const { pk: _p, sk: _s, ...a } = item;
  return a as ActivityRecord;
}

/** A photo appended to the activity (at most `max`), its file's record beside it. */
export function addActivityPhotoTx(store: TenantStore, a: Pick<Activity, 'pairingId' | 'date' | 'id'>, photo: ActivityPhotoRecord, max: number): TxItem[] {
  return [
    { Put: { Item: { ...photoKey(store, photo.photoId), ...photo }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        Key: activityKey(store, a),
        UpdateExpression: 'SET photoIds = list_append(if_not_exists(photoIds, :none), :p)',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(photoIds) OR size(photoIds) < :max)',
        ExpressionAttributeValues: { ':p': [photo.photoId], ':none': [], ':max': max },
      },
      failWith: AppError.conflict(`每条帮扶活动最多 ${max} 张照片`, { reason: 'too_many_photos', max }),
    },
  ];
}

/** A photo taken off the activity (the list as read, so two removals at once do not lose one) and its record deleted. */
export function removeActivityPhotoTx(store: TenantStore, a: Pick<Activity, 'pairingId' | 'date' | 'id'>, photoIds: string[], photoId: string): TxItem[] {
  return [
    { Delete: { Key: photoKey(store, photoId) } },
    {
      Update: {
        Key: activityKey(store, a),
        UpdateExpression: 'SET photoIds = :after',
        ConditionExpression: 'photoIds = :before',
        ExpressionAttributeValues: { ':after': photoIds.filter((p) => p !== photoId), ':before': photoIds },
      },
      failWith: AppError.conflict('照片刚刚发生变化，请刷新后重试'),
    },
  ];
}

export async function getActivityPhotoRecord(store: TenantStore, photoId: string): Promise<ActivityPhotoRecord | null> {
  const k = photoKey(store, photoId);
  const item = await store.get<ActivityPhotoRecord & { pk: string; sk: string }>(k.pk, k.sk);
  if (!item) return null;
  const { pk: _p, sk: _s, ...rest } = item;
  return rest;
}

/**
 * The pairing's activity count and latest activity date (rule 4 reads them), moved only while the
 * pairing is active and no other activity was logged since it was read.
 */
export function touchPairingTx(store: TenantStore, pairingId: string, prevCount: number, lastActivityOn: string): TxItem {
  return {
    Update: {
      Key: pairingKey(store, pairingId),
      UpdateExpression: 'SET activityCount = :n, lastActivityOn = :last',
      ConditionExpression: '#status = :active AND activityCount = :prev',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':n': prevCount + 1, ':last': lastActivityOn, ':active': 'active', ':prev': prevCount },
    },
    failWith: new AppError('conflict', 409, 'retry'),
  };
}
