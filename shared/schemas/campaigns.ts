import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { MAX_AMOUNT_FEN } from '../formats.js';
import { Id, RequiredText } from './common.js';

export const CAMPAIGN_TITLE_MAX = 60;
/** Villages and listings a campaign names: each is read once when it is saved. */
export const MAX_CAMPAIGN_VILLAGES = 50;
export const MAX_CAMPAIGN_LISTINGS = 50;

/** A campaign's target: integer fen, more than 0. */
const TargetFen = z
  .number({ error: (iss) => (iss.input === undefined || iss.input === null ? '请填写目标金额（单位：分）' : '目标金额必须是数字（单位：分）') })
  .int({ error: '目标金额必须是整数分' })
  .positive({ error: '目标金额必须大于 0' })
  .max(MAX_AMOUNT_FEN, { error: '目标金额过大' });

const Description = z.string().trim().max(2000, { error: '说明不能超过 2000 个字' });
const Kind = z.string().trim().max(20, { error: '活动类型不能超过 20 个字' });

const campaignFields = {
  title: RequiredText(CAMPAIGN_TITLE_MAX, '活动名称'),
  description: Description.optional(),
  /** e.g. 扶贫日, 年货节, a deadline drive: free text, optional */
  kind: Kind.optional(),
  /** the first and last day of the campaign, in the tenant's time zone (both included) */
  startDate: IsoDate,
  endDate: IsoDate,
  targetFen: TargetFen,
  villageIds: z.array(Id).max(MAX_CAMPAIGN_VILLAGES, { error: `最多选择 ${MAX_CAMPAIGN_VILLAGES} 个村` }),
  produceIds: z.array(Id).max(MAX_CAMPAIGN_LISTINGS, { error: `最多选择 ${MAX_CAMPAIGN_LISTINGS} 个商品` }),
};

/** POST /api/campaigns. The end before the start is refused with the path `endDate` (the service). */
export const CampaignInput = z.object({
  ...campaignFields,
  villageIds: campaignFields.villageIds.default([]),
  produceIds: campaignFields.produceIds.default([]),
});
export type CampaignInput = z.infer<typeof CampaignInput>;

/** PATCH /api/campaigns/:id: any of the fields; the dates are checked together as they will be. */
export const CampaignPatch = z
  .object({
    ...campaignFields,
    description: Description.nullable().optional(),
    kind: Kind.nullable().optional(),
  })
  .partial();
export type CampaignPatch = z.infer<typeof CampaignPatch>;

export const CampaignStatus = z.enum(['upcoming', 'open', 'ended']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** The money a campaign was given, from its counter item (moved with each payment, confirmation and refund). */
export const CampaignProgress = z.object({
  raisedFen: z.number().int(),
  /** paid orders placed through the campaign, less those refunded in full */
  orders: z.number().int(),
  orderFen: z.number().int(),
  /** confirmed donations given through the campaign, less refunds */
  donations: z.number().int(),
  donationFen: z.number().int(),
  /** per village, most first */
  villages: z.array(z.object({ villageId: Id, villageName: z.string(), fen: z.number().int() })),
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;

export const Campaign = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  kind: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  targetFen: z.number().int(),
  villageIds: z.array(Id),
  produceIds: z.array(Id),
  status: CampaignStatus,
  progress: CampaignProgress,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignQuery = z.object({ status: CampaignStatus.optional() });

/** The public page: what the campaign asks for and how far it got; no personal data. */
export const PublicCampaign = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  kind: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  status: CampaignStatus,
  /** days left including today (0 once ended; the whole span before it starts) */
  daysLeft: z.number().int(),
  targetFen: z.number().int(),
  raisedFen: z.number().int(),
  orders: z.number().int(),
  orderFen: z.number().int(),
  donations: z.number().int(),
  donationFen: z.number().int(),
  villages: z.array(z.object({ villageId: Id, villageName: z.string(), fen: z.number().int() })),
  /** the listings it features, those still for sale */
  produce: z.array(z.object({ id: Id, name: z.string(), priceFen: z.number().int(), unit: z.string(), villageName: z.string() })),
  /**
   * The funds identity of the campaign's villages, as on the transparency page (cash received =
   * used + balance + refunded), for the villages the campaign names.
   */
  funds: z.object({ cashFen: z.number().int(), usedFen: z.number().int(), balanceFen: z.number().int(), refundedFen: z.number().int() }),
});
export type PublicCampaign = z.infer<typeof PublicCampaign>;

export const PublicCampaignSummary = PublicCampaign.pick({
  id: true,
  title: true,
  kind: true,
  startDate: true,
  endDate: true,
  status: true,
  daysLeft: true,
  targetFen: true,
  raisedFen: true,
});
export type PublicCampaignSummary = z.infer<typeof PublicCampaignSummary>;
