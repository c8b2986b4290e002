import { z } from 'zod';
import { RequiredText } from './common.js';

/**
 * The bureau's review inputs of issue 15, apart from donations.ts and needs.ts so the api
 * function's bundle (which imports those) does not carry them: their routes live in the ledger
 * function (functions/modules/donations/review-routes.ts, functions/modules/needs/close-routes.ts).
 */

/** POST /api/donations/:id/reject (bureau): a member's pending donation, not confirmed, with the reason. */
export const DonationRejectInput = z.object({ reason: RequiredText(200, '驳回原因') });
export type DonationRejectInput = z.infer<typeof DonationRejectInput>;

/**
 * POST /api/needs/:id/close (bureau): the need closed as met although the pledges do not cover it
 *, with the reason, recorded on the need and in the audit trail.
 */
export const CloseNeedInput = z.object({ reason: RequiredText(500, '关闭原因') });
export type CloseNeedInput = z.infer<typeof CloseNeedInput>;
