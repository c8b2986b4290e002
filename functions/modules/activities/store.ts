import type { Activity } from '../../../shared/schemas/activities.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { pairingKey } from '../pairings/store.js';

// Access pattern: a pairing's activities, newest first → pk PAIRING#<id>#ACTIVITY, sk <date>#<id>.
const activitiesPk = (store: TenantStore, pairingId: string) => store.pk('PAIRING', pairingId, 'ACTIVITY');

export async function listActivityItems(store: TenantStore, pairingId: string, limit: number, cursor?: string) {
  const page = await store.query<Record<string, unknown>>({ pk: activitiesPk(store, pairingId), forward: false, limit, cursor });
  return { items: page.items.map(({ pk: _p, sk: _s, ...a }) => a as Activity), nextCursor: page.nextCursor };
}

export function putActivityTx(store: TenantStore, a: Activity): TxItem {
  return {
    Put: { Item: { pk: activitiesPk(store, a.pairingId), sk: `${a.date}#${a.id}`, ...a }, ConditionExpression: 'attribute_not_exists(pk)' },
  };
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
