import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { BoolString, Id, ListQuery, RequiredText, WebUrl } from './common.js';
import { VillageNeed } from './villages.js';

/** 需求对接: what a village asks for, as on the national social-help network. */
export const NEED_STATUSES = ['open', 'pledged', 'met', 'withdrawn'] as const;
export const NeedStatus = z.enum(NEED_STATUSES, { error: '需求状态无效' });
export type NeedStatus = z.infer<typeof NeedStatus>;

const Quantity = z
  .number({ error: '数量必须是数字' })
  .int({ error: '数量必须是整数' })
  .positive({ error: '数量必须大于 0' })
  .max(100_000_000, { error: '数量过大' });

/** POST /api/needs: the bureau (or an organization actively paired with the village) posts a need. */
export const NeedInput = z.object({
  villageId: Id,
  category: VillageNeed,
  title: RequiredText(100, '需求标题'),
  description: z.string().trim().max(2000, { error: '需求说明不能超过 2000 个字' }).optional(),
  quantity: Quantity.optional(),
  unit: z.string().trim().min(1, { error: '请填写单位' }).max(20, { error: '单位不能超过 20 个字' }).optional(),
  targetDate: IsoDate.optional(),
});
export type NeedInput = z.infer<typeof NeedInput>;

/** POST /api/needs/:id/pledge: an approved organization pledges the whole need or a part. */
export const PledgeInput = z.object({
  organizationId: Id.optional(),
  quantity: Quantity.optional(),
  note: RequiredText(500, '认领说明'),
});
export type PledgeInput = z.infer<typeof PledgeInput>;

/** POST /api/needs/:id/fulfil: marked met with evidence. */
export const FulfilInput = z.object({
  note: RequiredText(1000, '完成说明'),
  evidenceUrl: WebUrl('证明材料链接须为 http 或 https 网址').optional(),
});
export type FulfilInput = z.infer<typeof FulfilInput>;

export const WithdrawInput = z.object({ reason: z.string().trim().max(500).optional() });

export const Pledge = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  quantity: z.number().int().nullable(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Pledge = z.infer<typeof Pledge>;

export const Need = z.object({
  id: Id,
  villageId: Id,
  villageName: z.string(),
  township: z.string(),
  category: VillageNeed,
  title: z.string(),
  description: z.string().nullable(),
  quantity: z.number().int().nullable(),
  unit: z.string().nullable(),
  targetDate: z.string().nullable(),
  status: NeedStatus,
  /** the sum of pledged quantities (0 when the need has no quantity) */
  pledgedQuantity: z.number().int(),
  pledges: z.array(Pledge),
  fulfilment: z
    .object({ note: z.string(), evidenceUrl: z.string().nullable(), organizationId: z.string().nullable(), by: z.string(), at: z.string() })
    .nullable(),
  withdrawnReason: z.string().nullable(),
  /** set when the bureau closed the need as met without the pledges covering it */
  closure: z.object({ reason: z.string(), pledgedQuantity: z.number().int(), by: z.string(), at: z.string() }).nullable().optional(),
  /** the organization whose member posted it (null when the bureau did); it may withdraw it */
  postedByOrganizationId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Need = z.infer<typeof Need>;

export const NeedQuery = ListQuery.extend({
  villageId: Id.optional(),
  status: NeedStatus.optional(),
  category: VillageNeed.optional(),
  /** for an org_member: true = only villages it is actively paired with, false = only the others */
  paired: BoolString.optional(),
});

/** GET /api/needs/summary: unmet needs per village, for the bureau. */
export const NeedSummary = z.object({
  items: z.array(
    z.object({ villageId: Id, villageName: z.string(), township: z.string(), open: z.number().int(), pledged: z.number().int(), met: z.number().int() }),
  ),
});
export type NeedSummary = z.infer<typeof NeedSummary>;
