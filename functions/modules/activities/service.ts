import { dateInZone } from '../../../shared/dates.js';
import type { Activity, ActivityInput } from '../../../shared/schemas/activities.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { requireApprovedOrganization } from '../organizations/service.js';
import { getPairing } from '../pairings/service.js';
import { visitLoggedTx } from '../visits/store.js';
import { listActivityItems, putActivityTx, touchPairingTx } from './store.js';
import { tenantTimeZone } from '../tenant/settings.js';

export async function listActivities(ctx: ServiceContext, pairingId: string, limit: number, cursor?: string) {
  await getPairing(ctx, pairingId);
  return listActivityItems(ctx.store, pairingId, limit, cursor);
}

/** Help is logged on an active pairing, by its organization (approved) or the bureau. */
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
    const activity: Activity = {
      ...input,
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
        touchPairingTx(ctx.store, pairingId, pairing.activityCount, last),
        auditPut(ctx, 'activity', activity.id, 'create', null, activity),
        ...visitLoggedTx(ctx.store, pairing, activity),
      ]);
      return activity;
    } catch (e) {
      // another activity landed between read and write: read again (bounded)
      if (e instanceof AppError && e.message === 'retry' && attempt < 4) continue;
      if (e instanceof AppError && e.message === 'retry') throw AppError.conflict('结对刚刚发生变化，请重试');
      throw e;
    }
  }
}
