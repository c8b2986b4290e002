import { z } from 'zod';
import { DONOR_NAME_MAX, MAX_AMOUNT_FEN } from '../formats.js';
import { IsoDate } from '../dates.js';
import { Id, ListQuery, RequiredText } from './common.js';
import { LocalCheckoutSession } from './orders.js';

/** Money is integer fen; a donation or expenditure is at least 1 fen. */
export const PositiveFen = z
  .number({ error: (iss) => (iss.input === undefined || iss.input === null ? '请填写金额（单位：分）' : '金额必须是数字（单位：分）') })
  .int({ error: '金额必须是整数分' })
  .positive({ error: '金额必须大于 0' })
  .max(MAX_AMOUNT_FEN, { error: '金额过大' });

export const DONATION_KINDS = ['cash', 'goods'] as const;
export const DonationKind = z.enum(DONATION_KINDS, { error: '捐赠类型无效（cash 或 goods）' });
export const DONOR_TYPES = ['organization', 'person'] as const;
export const DonorType = z.enum(DONOR_TYPES, { error: '捐赠方类型无效' });
/** offline: logged by the bureau or an organization with a voucher; online: paid through checkout */
export const DONATION_CHANNELS = ['offline', 'online'] as const;
export const DonationChannel = z.enum(DONATION_CHANNELS);
/**
 * pending_payment (online, checkout open) → confirmed (signed webhook) | expired (checkout expired or
 * cancelled); confirmed → refunded (bureau, cash only, and only what is still unspent).
 * Offline donations logged by the bureau are confirmed when logged; an org_member's are `pending`
 * (outside every public figure, total and recognition) until the bureau confirms them (cash only
 * with a voucher) or rejects them with a reason.
 */
export const DONATION_STATUSES = ['pending_payment', 'pending', 'confirmed', 'rejected', 'expired', 'refunded'] as const;
export const DonationStatus = z.enum(DONATION_STATUSES, { error: '捐赠状态无效' });

const DonationFields = z.object({
  villageId: Id,
  kind: DonationKind,
  /** cash: the amount; goods: the estimated value (required) */
  amountFen: PositiveFen,
  donorName: RequiredText(100, '捐赠方名称'),
  donorType: DonorType,
  /** required for goods: what the goods are */
  description: z.string().trim().max(500, { error: '说明不能超过 500 个字' }).optional(),
  /** the donating organization (counts toward its rule-6 totals); an org_member's is always its own */
  organizationId: Id.optional(),
  /** optional project: a village need */
  needId: Id.optional(),
  /** donation date, default today in the tenant's time zone */
  date: IsoDate.optional(),
  /** hide the donor's name on public surfaces */
  anonymous: z.boolean().optional(),
});

export const DonationInput = DonationFields.superRefine((d, ctx) => {
  if (d.kind === 'goods' && !d.description) {
    ctx.addIssue({ code: 'custom', path: ['description'], message: '实物捐赠请填写物品说明' });
  }
  // a donorType 'organization' without organizationId is allowed: an outside company not registered here
});
export type DonationInput = z.infer<typeof DonationInput>;

export const Donation = z.object({
  id: Id,
  /** receipt serial number, e.g. JZ-2026-000123; set when confirmed */
  serialNo: z.string().nullable(),
  villageId: Id,
  villageName: z.string(),
  kind: DonationKind,
  amountFen: z.number().int(),
  donorName: z.string().nullable(),
  donorType: DonorType,
  anonymous: z.boolean(),
  description: z.string().nullable(),
  organizationId: z.string().nullable(),
  needId: z.string().nullable(),
  channel: DonationChannel,
  status: DonationStatus,
  date: z.string(),
  voucherFileId: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
  /** why the bureau did not confirm a member's logged donation (status rejected) */
  rejectedReason: z.string().nullable().optional(),
  /** the campaign it was given through (counted toward it once confirmed) */
  campaignId: z.string().nullable().optional(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Donation = z.infer<typeof Donation>;

export const DonationQuery = ListQuery.extend({
  villageId: Id.optional(),
  organizationId: Id.optional(),
  kind: DonationKind.optional(),
  status: DonationStatus.optional(),
});

/** POST /api/donations/:id/refund (bureau): a confirmed cash donation, if its village still holds it. */
export const DonationRefundInput = z.object({ reason: z.string().trim().max(200).optional() });

/** POST /api/public/:tenantSlug/donate — an online cash donation. */
export const DonateInput = z.object({
  villageId: Id,
  amountFen: PositiveFen,
  donorName: z
    .string()
    .trim()
    .max(DONOR_NAME_MAX, { error: `姓名不能超过 ${DONOR_NAME_MAX} 个字` })
    .optional(),
  anonymous: z.boolean().optional(),
  /** where the confirmation and the receipt link go; never shown anywhere */
  email: z.email({ error: '邮箱格式不正确' }).max(200).optional(),
  /** given through a campaign's link: kept on the donation only if the campaign is open that day, else ignored */
  campaignId: Id.optional(),
});
export type DonateInput = z.infer<typeof DonateInput>;

/**
 * receiptToken opens the receipt: /api/public/:tenantSlug/donations/:donationId/receipt with the
 * X-Access-Token header (or ?token= from old links); receiptUrl is the donor's page, token in its fragment.
 */
export const DonateResult = z.object({ donationId: Id, checkoutUrl: z.string(), receiptToken: z.string(), receiptUrl: z.string() });
export type DonateResult = z.infer<typeof DonateResult>;

export const ReceiptQuery = z.object({ token: z.string({ error: '缺少收据凭证' }).min(1).max(200).optional() });

/** GET /api/public/:tenantSlug/donations/:id?token= — the donor's own view (status polling). */
export const PublicDonationStatus = z.object({
  id: Id,
  status: DonationStatus,
  serialNo: z.string().nullable(),
  villageId: Id,
  villageName: z.string(),
  amountFen: z.number().int(),
  anonymous: z.boolean(),
  confirmedAt: z.string().nullable(),
  receiptUrl: z.string(),
});
export type PublicDonationStatus = z.infer<typeof PublicDonationStatus>;

/** GET /api/public/checkout/:sessionId for a donation (kind 'donation'); orders keep LocalCheckoutSession. */
export const LocalDonationCheckoutSession = z.object({
  sessionId: z.string(),
  kind: z.literal('donation'),
  tenantSlug: z.string(),
  donationId: Id,
  receiptToken: z.string(),
  villageName: z.string(),
  totalFen: z.number().int(),
  expiresAt: z.string(),
  status: z.enum(['open', 'complete', 'expired']),
  returnUrl: z.string(),
});
export type LocalDonationCheckoutSession = z.infer<typeof LocalDonationCheckoutSession>;

export const VoucherUploaded = z.object({ fileId: Id });

/** What GET /api/public/checkout/:sessionId answers: an order's session or a donation's, by kind. */
export const AnyLocalCheckoutSession = z.discriminatedUnion('kind', [LocalCheckoutSession, LocalDonationCheckoutSession]);
export type AnyLocalCheckoutSession = z.infer<typeof AnyLocalCheckoutSession>;
