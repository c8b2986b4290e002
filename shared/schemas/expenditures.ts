import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { Id, ListQuery, RequiredText, WebUrl } from './common.js';
import { PositiveFen } from './donations.js';

/** What donated cash was spent on; the category groups "cash used by purpose" on the public page. */
export const EXPENDITURE_CATEGORIES = ['industry', 'infrastructure', 'education', 'medical', 'housing', 'living', 'employment', 'other'] as const;
export const ExpenditureCategory = z.enum(EXPENDITURE_CATEGORIES, { error: '用途类别无效' });

export const ExpenditureInput = z.object({
  villageId: Id,
  amountFen: PositiveFen,
  /** what it was spent on (public) */
  purpose: RequiredText(200, '用途'),
  category: ExpenditureCategory.default('other'),
  date: IsoDate,
  /** evidence link (bureau only; never public) */
  evidenceUrl: WebUrl('凭证链接须为 http 或 https 网址').optional(),
});
export type ExpenditureInput = z.input<typeof ExpenditureInput>;

export const Expenditure = z.object({
  id: Id,
  villageId: Id,
  villageName: z.string(),
  amountFen: z.number().int(),
  purpose: z.string(),
  category: ExpenditureCategory,
  date: z.string(),
  evidenceUrl: z.string().nullable(),
  evidenceFileId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Expenditure = z.infer<typeof Expenditure>;

export const ExpenditureQuery = ListQuery.extend({ villageId: Id.optional() });

/** A village's cash funds (rule 8): received = used + balance + refunded, to the fen. Goods apart. */
export const VillageFunds = z.object({
  villageId: Id,
  cashReceivedFen: z.number().int(),
  cashUsedFen: z.number().int(),
  balanceFen: z.number().int(),
  refundedFen: z.number().int(),
  goodsFen: z.number().int(),
});
export type VillageFunds = z.infer<typeof VillageFunds>;
