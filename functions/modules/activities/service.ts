import { dateInZone } from '../../../shared/dates.js';
import type { Activity, ActivityInput } from '../../../shared/schemas/activities.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { assertHelpersOf } from '../helpers/service.js';
import { participationTx } from '../helpers/store.js';
import { requireApprovedOrganization } from '../organizations/service.js';
import { getPairing } from '../pairings/service.js';
import { visitLoggedTx } from '../visits/store.js';
import { listActivityItems, putActivityPointerTx, putActivityTx, touchPairingTx, type ActivityRecord } from './store.js';
import { tenantTimeZone } from '../tenant/settings.js';

/** A photo of an activity: served to the bureau and the organization only (GET …/photos/{photoId}). */
export const activityPhotoUrl = (activityId: string, photoId: string) => `/api/activities/${activityId}/photos/${photoId}`;

/** An activity as the API shows it: its photos as addresses. */
export function activityView(r: ActivityRecord): Activity {
  const { photoIds, ...rest } = r;
  return { ...rest, photos: (photoIds ?? []).map((id) => ({ id, url: activityPhotoUrl(r.id, id) })) };
}

export async function listActivities(ctx: ServiceContext, pairingId: string, limit: number, cursor?: string) {
  await getPairing(ctx, pairingId);
  const page = await listActivityItems(ctx.store, pairingId, limit, cursor);
  return { items: page.items.map(activityView), nextCursor: page.nextCursor };
}

/**
 * Help is logged on an active pairing, by its organization (approved) or the bureau. Who took part:
 * a headcount and, by name, helpers of the pairing's organization (held again by the transaction);
 * in person (面对面, the default) or remote (不见面).
 */
export async function logActivity(ctx: ServiceContext, pairingId: string, input: ActivityInput): Promise<Activity> {
  for (let attempt = 1; ; attempt++) {
    const pairing = await getPairing(ctx, pairingId);
    if (pairing.status !== 'active') throw AppError.conflict('只能在生效中的结对上记录帮扶活动');
    await requireApprovedOrganization({ ...ctx, caller: { ...ctx.caller, role: 'bureau_admin' } }, pairing.organizationId);
    const tz = await tenantTimeZone(ctx.store);
    if (pairing.startDate && input.date < pairing.startDate) {
      throw AppError.field('date', `活动日期不能早于结对开始日期（${pairing.startDate}）`);
    }
    if (input.date > dateInZone(ctx.now, tz)) throw AppError.field('date', '活动日期不能晚于今天');
    const named = input.participants?.helperIds ?? [];
    await assertHelpersOf(ctx, pairing.organizationId, named, 'participants.helperIds', false);
    const activity: ActivityRecord = {
      ...input,
      mode: input.mode ?? 'in_person',
      id: newId('act'),
      pairingId,
      villageId: pairing.villageId,
      organizationId: pairing.organizationId,
      createdBy: ctx.caller.userId,
      createdAt: ctx.now.toISOString(),
    };
    const last = pairing.lastActivityOn && pairing.lastActivityOn > input.date ? pairing.lastActivityOn : input.date;
    try {
      await ctx.store.transact([
        putActivityTx(ctx.store, activity),
        putActivityPointerTx(ctx.store, activity),
        touchPairingTx(ctx.store, pairingId, pairing.activityCount, last),
        auditPut(ctx, 'activity', activity.id, 'create', null, activity),
        ...visitLoggedTx(ctx.store, pairing, activity),
        ...named.flatMap((h, i) => participationTx(ctx.store, input.date.slice(0, 4), h, pairing.organizationId, `participants.helperIds.${i}`)),
      ]);
      return activityView(activity);
    } catch (e) {
      // another activity landed between read and write: read again (bounded)
      if (e instanceof AppError && e.message === 'retry' && attempt < 4) continue;
      if (e instanceof AppError && e.message === 'retry') throw AppError.conflict('结对刚刚发生变化，请重试');
      throw e;
    }
  }
}
