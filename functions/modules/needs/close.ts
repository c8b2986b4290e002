import type { Need } from '../../../shared/schemas/needs.js';
import type { CloseNeedInput } from '../../../shared/schemas/reviews.js';
import { AppError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { change } from './service.js';

/**
 * The bureau closes an open or pledged need as met although the pledges do not cover it (issue 15,
 * hole 7): the reason, who and when, and the quantity pledged at that moment go on the need
 * (`closure`) and into the audit event, in the same conditional write as the status change.
 */
export async function closeNeed(ctx: ServiceContext, id: string, input: CloseNeedInput): Promise<Need> {
  if (ctx.caller.role !== 'bureau_admin') throw AppError.forbidden('只有民政局可以关闭需求');
  return change(ctx, id, async (before) => {
    const closure = { reason: input.reason, pledgedQuantity: before.pledgedQuantity, by: ctx.caller.userId, at: ctx.now.toISOString() };
    return { after: { ...before, status: 'met', closure }, action: 'close' };
  });
}
