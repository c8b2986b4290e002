import { z } from 'zod';
import { addDays, IsoDate } from '../dates.js';
import { Id, ListQuery, RequiredText } from './common.js';

/** True when a YYYY-MM-DD date is a Monday (weeks start on Monday, seed 004). */
export function isMonday(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
}

/** Years a week or quarter may name: anything else would only make junk snapshot items. */
export const inReportingYears = (value: string) => /^20\d{2}-/.test(value);

/** A reporting week, named by its Monday (years 2000–2099). */
export const WeekStart = IsoDate.refine(inReportingYears, { message: '周起始日的年份应在 2000–2099 之间', abort: true }).refine(isMonday, {
  message: '周起始日必须是星期一',
});

export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES, { error: '周报状态只能是 draft 或 submitted' });

/** POST /api/reports: an org_member reports for its own organization; the bureau names one. */
export const ReportInput = z.object({
  organizationId: Id.optional(),
  weekStart: WeekStart,
  summary: RequiredText(2000, '本周工作'),
  progress: RequiredText(2000, '工作进展'),
  results: RequiredText(2000, '取得成效'),
  /** a draft may be saved and submitted later; default submitted */
  status: ReportStatus.default('submitted'),
});
export type ReportInput = z.input<typeof ReportInput>;

/** Rule 3: a submitted report is on time or late against the week's deadline; no report past it is missing. */
export const TIMELINESS = ['onTime', 'late', 'missing', 'pending'] as const;
export const Timeliness = z.enum(TIMELINESS);
export type Timeliness = z.infer<typeof Timeliness>;

export const Report = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  weekStart: z.string(),
  summary: z.string(),
  progress: z.string(),
  results: z.string(),
  status: ReportStatus,
  /** the week's deadline as an instant (UTC ISO), computed in the tenant's time zone */
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  /** for a submitted report: onTime or late */
  timeliness: z.enum(['onTime', 'late']).nullable(),
  /** photo file ids (GET /api/files/:id style, bureau and the organization only) */
  photos: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof Report>;

export const ReportQuery = ListQuery.extend({
  organizationId: Id.optional(),
  weekStart: WeekStart.optional(),
});

/** GET /api/reports/compliance?weekStart= (default: the latest week whose deadline has passed). */
export const ComplianceQuery = z.object({ weekStart: WeekStart.optional() });

export const ComplianceEntry = z.object({
  organizationId: Id,
  organizationName: z.string(),
  /** pending: the deadline has not passed and nothing is submitted yet */
  status: Timeliness,
  reportId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** rule 10: consecutive missed weeks ending at this week */
  missedStreak: z.number().int(),
});
export type ComplianceEntry = z.infer<typeof ComplianceEntry>;

export const Compliance = z.object({
  weekStart: z.string(),
  deadline: z.string(),
  /** true once the deadline has passed */
  due: z.boolean(),
  counts: z.object({ onTime: z.number().int(), late: z.number().int(), missing: z.number().int(), pending: z.number().int() }),
  items: z.array(ComplianceEntry),
});
export type Compliance = z.infer<typeof Compliance>;

/** GET /api/reports/compliance/grid?weeks=8&to=<Monday>: organizations × weeks for the bureau. */
export const ComplianceGridQuery = z
  .object({
    to: WeekStart.optional(),
    weeks: z.coerce.number({ error: 'weeks 必须是数字' }).int().min(1, { error: 'weeks 最小为 1' }).max(26, { error: 'weeks 最大为 26' }).default(8),
  })
  .refine((q) => !q.to || inReportingYears(addDays(q.to, -7 * (q.weeks - 1))), { message: '最早的一周不能早于 2000 年', path: ['to'] });
export const ComplianceGrid = z.object({
  weeks: z.array(z.object({ weekStart: z.string(), deadline: z.string(), due: z.boolean() })),
  rows: z.array(
    z.object({
      organizationId: Id,
      organizationName: z.string(),
      /** one per week; null where the organization had no active pairing that week */
      cells: z.array(Timeliness.nullable()),
      missedStreak: z.number().int(),
    }),
  ),
});
export type ComplianceGrid = z.infer<typeof ComplianceGrid>;

/** Rule 10, the reporting ladder: flagged after a missed week, warned after 2 in a row, blocked from claiming after 4. */
export const LADDER_LEVELS = ['ok', 'flagged', 'warned', 'blocked'] as const;
export const ReportingStanding = z.object({
  organizationId: Id,
  missedStreak: z.number().int(),
  level: z.enum(LADDER_LEVELS),
  /** the missed weeks of the streak, newest first */
  missedWeeks: z.array(z.string()),
  /** the latest run of missed weeks, newest first, still open for a late report (补报) — also when a week filed since has ended the streak */
  openWeeks: z.array(z.string()).optional(),
});
export type ReportingStanding = z.infer<typeof ReportingStanding>;
export const StandingQuery = z.object({ organizationId: Id.optional() });

/** Rule 4 (光说不练): a calendar quarter, 2026-Q3. */
export const Quarter = z.string().regex(/^20\d{2}-Q[1-4]$/, { error: '季度格式应为 YYYY-Q1…Q4（年份 2000–2099）' });
export const VisitQuery = z.object({ quarter: Quarter.optional() });
export const QuarterVisits = z.object({
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  /** true once the quarter has ended (flags are final) */
  closed: z.boolean(),
  flagged: z.number().int(),
  items: z.array(
    z.object({
      pairingId: Id,
      villageId: Id,
      villageName: z.string(),
      organizationId: Id,
      organizationName: z.string(),
      visits: z.number().int(),
      lastVisitOn: z.string().nullable(),
      /** the most people a visit in the quarter recorded (null: none recorded a headcount) */
      largestTeam: z.number().int().nullable(),
      /** no visit logged in the quarter while the pairing was active, or only visits by too small a team */
      flagged: z.boolean(),
      /** why it is flagged: no visit (光说不练), or each visit by fewer than the tenant's minimum team size */
      reason: z.enum(['no_visit', 'small_team']).nullable(),
    }),
  ),
});
export type QuarterVisits = z.infer<typeof QuarterVisits>;
