import { z } from 'zod';
import { Id, RequiredText } from './common.js';

/**
 * Assessment (考核, seeds 000, 002, 003): a tenant's schemes of criteria with points, each criterion
 * computed from the records or scored by the bureau with a written reason, and veto items
 * (一票否决) that zero the total. Periods: a calendar year (`2026`) or its first half, the
 * mid-year evaluation (`2026-H1`), in the tenant's time zone.
 */
export const ASSESSMENT_SOURCES = ['reports_on_time', 'visits', 'donations', 'consumption', 'needs_met', 'data_quality', 'manual'] as const;
export const AssessmentSource = z.enum(ASSESSMENT_SOURCES, { error: '评分来源无效' });
export type AssessmentSource = z.infer<typeof AssessmentSource>;

export const MAX_SCHEME_POINTS = 1000;
const Points = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}必须是整数` })
    .min(1, { error: `${label}至少 1 分` })
    .max(MAX_SCHEME_POINTS, { error: `${label}不超过 ${MAX_SCHEME_POINTS} 分` });
const ItemId = z.string({ error: '请填写编号' }).regex(/^[a-z][a-z0-9_]{0,31}$/, { error: '编号为小写字母开头的字母、数字或下划线（最多 32 位）' });

export const Criterion = z.object({
  id: ItemId,
  name: RequiredText(60, '指标名称'),
  points: Points('分值'),
  source: AssessmentSource,
  /** donations: the money + goods (fen) in the period that earns the full points */
  targetFen: z.number().int({ error: '目标金额必须是整数分' }).min(1, { error: '目标金额至少 1 分' }).max(1_000_000_000_00).optional(),
  description: z.string().trim().max(300).optional(),
});
export type Criterion = z.infer<typeof Criterion>;
export const Veto = z.object({ id: ItemId, name: RequiredText(100, '否决事项') });
export type Veto = z.infer<typeof Veto>;

export const SchemeInput = z
  .object({
    name: RequiredText(60, '方案名称'),
    totalPoints: Points('总分'),
    criteria: z.array(Criterion).min(1, { error: '至少一项指标' }).max(30, { error: '指标最多 30 项' }),
    vetoes: z.array(Veto).max(10, { error: '否决事项最多 10 项' }).default([]),
  })
  .superRefine((s, ctx) => {
    const sum = s.criteria.reduce((a, c) => a + c.points, 0);
    if (sum !== s.totalPoints) ctx.addIssue({ code: 'custom', path: ['criteria'], message: `各项指标分值之和（${sum} 分）应等于总分（${s.totalPoints} 分）` });
    const seen = new Set<string>();
    [...s.criteria, ...s.vetoes].forEach((item, i) => {
      const path = i < s.criteria.length ? ['criteria', i, 'id'] : ['vetoes', i - s.criteria.length, 'id'];
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path, message: `编号 ${item.id} 重复` });
      seen.add(item.id);
    });
    s.criteria.forEach((c, i) => {
      if (c.source === 'donations' && !c.targetFen) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'targetFen'], message: '捐赠类指标须填写目标金额' });
    });
  });
export type SchemeInput = z.input<typeof SchemeInput>;
export const Scheme = z.object({
  id: Id,
  name: z.string(),
  totalPoints: z.number().int(),
  criteria: z.array(Criterion),
  vetoes: z.array(Veto),
  createdAt: z.string(),
});
export type Scheme = z.infer<typeof Scheme>;
export const SchemeList = z.object({ items: z.array(Scheme) });

export const Period = z
  .string({ error: '请选择考核期' })
  .regex(/^(19|20|21)\d{2}(-H1)?$/, { error: '考核期格式应为 YYYY（年终）或 YYYY-H1（年中）' })
  .meta({ example: '2026-H1' });

export const AssessmentQuery = z.object({
  period: Period,
  schemeId: Id.optional().meta({ description: 'the scheme (default: the tenant’s newest)' }),
});

/** PATCH /api/assessments/:organizationId/:criterionId: a manual criterion's score, or a veto item set or cleared; always with a reason. */
export const ManualScoreInput = z
  .object({
    period: Period,
    schemeId: Id.optional(),
    points: z.number({ error: '分数必须是数字' }).min(0, { error: '分数不能为负' }).max(MAX_SCHEME_POINTS).optional(),
    vetoed: z.boolean().optional(),
    reason: RequiredText(500, '评分理由'),
  })
  .refine((v) => v.points !== undefined || v.vetoed !== undefined, { message: '请填写分数或否决', path: ['points'] });
export type ManualScoreInput = z.infer<typeof ManualScoreInput>;

export const CriterionScore = z.object({
  id: z.string(),
  name: z.string(),
  source: AssessmentSource,
  /** points earned (one decimal) of maxPoints */
  points: z.number(),
  maxPoints: z.number().int(),
  /** the figure the points come from, in words (e.g. "按时 20 / 应报 24 周") */
  figure: z.string(),
  /** a manual score's or veto's written reason */
  reason: z.string().optional(),
  /** a manual criterion the bureau has not scored yet (counts 0) */
  unscored: z.boolean().optional(),
});
export const OrganizationAssessment = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  criteria: z.array(CriterionScore),
  total: z.number(),
  vetoed: z.boolean(),
  vetoes: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
  rank: z.number().int(),
});
export type OrganizationAssessment = z.infer<typeof OrganizationAssessment>;
export const AssessmentResult = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  scheme: Scheme,
  items: z.array(OrganizationAssessment),
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;
