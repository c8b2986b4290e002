import { z } from 'zod';
import { Id, RequiredText } from './common.js';
import { OrgKind } from './organizations.js';
import { RecognitionThresholds } from './transparency.js';

/**
 * Rule 6 (docs/DOMAIN.md): the tenant's recognition categories, each with a threshold in fen, and
 * the organization each category holds (seed 002: 委组 ¥50,000, 经促分会 ¥200,000,
 * 工商联企业或商会 ¥200,000).
 */
export const MAX_RECOGNITION_CATEGORIES = 20;
const ThresholdFen = z
  .number({ error: '请填写门槛金额（分）' })
  .int({ error: '门槛金额必须是整数（分）' })
  .min(1, { error: '门槛至少 1 分' })
  .max(1_000_000_000_00, { error: '门槛不能超过 10 亿元' });

export const RecognitionCategoryInput = z.object({
  name: RequiredText(30, '类别名称'),
  thresholdFen: ThresholdFen,
  description: z.string().trim().max(200, { error: '说明不超过 200 字' }).optional(),
});
export type RecognitionCategoryInput = z.infer<typeof RecognitionCategoryInput>;
export const RecognitionCategoryPatch = RecognitionCategoryInput.partial();
export type RecognitionCategoryPatch = z.infer<typeof RecognitionCategoryPatch>;

export const RecognitionCategory = RecognitionCategoryInput.extend({
  id: Id,
  /** organizations now in the category */
  organizations: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RecognitionCategory = z.infer<typeof RecognitionCategory>;
export const RecognitionCategoryList = z.object({ items: z.array(RecognitionCategory) });

/** PUT /api/recognition/organizations/:id/category: null takes the organization out of every category. */
export const AssignCategoryInput = z.object({ categoryId: Id.nullable() });
export type AssignCategoryInput = z.infer<typeof AssignCategoryInput>;
export const CategoryAssignment = z.object({ organizationId: Id, categoryId: Id.nullable() });

export const RecognitionQuery = z.object({
  year: z
    .string()
    .regex(/^(19|20|21)\d{2}$/, { error: '年份格式应为 YYYY' })
    .optional()
    .meta({ description: 'the calendar year in the tenant’s time zone (default: this year)', example: '2026' }),
});

/**
 * GET /api/recognition?year=: every organization with its category (or, outside every category,
 * its kind's threshold from the settings), its confirmed money and goods dated in the year (net of
 * refunds), and whether they reach the threshold.
 */
export const RecognitionEntry = z.object({
  organizationId: z.string(),
  name: z.string(),
  kind: OrgKind,
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  cashFen: z.number().int(),
  goodsFen: z.number().int(),
  totalFen: z.number().int(),
  thresholdFen: z.number().int(),
  /** total ≥ threshold and the organization is not suspended */
  recognized: z.boolean(),
  /** a suspended organization is listed with its figures but never recognized */
  suspended: z.boolean(),
});
export type RecognitionEntry = z.infer<typeof RecognitionEntry>;

/** 先进个人: the helpers with the most recorded participation in the year's activities. */
export const RecognizedHelper = z.object({
  helperId: z.string(),
  name: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  activities: z.number().int(),
});
export type RecognizedHelper = z.infer<typeof RecognizedHelper>;

export const RecognitionList = z.object({
  year: z.string(),
  /** recognized first (largest total first), then the rest by total */
  items: z.array(RecognitionEntry),
  categories: z.array(RecognitionCategory),
  /** the kind thresholds that apply to an organization outside every category */
  thresholds: RecognitionThresholds,
  helpers: z.array(RecognizedHelper),
});
export type RecognitionList = z.infer<typeof RecognitionList>;
