import { addDays } from '../../../shared/dates.js';
import type { Report, ReportInput } from '../../../shared/schemas/reports.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { requireApprovedOrganization } from '../organizations/service.js';
import { listPairingItems } from '../pairings/store.js';
import { getReportItem, getWeekEntry, listReportItems, putNewReportTx, updateDraftTx } from './store.js';
import { activeDuringWeek, deadlineOf, expectOrgTx, reportingRules } from '../report-weeks/weeks.js';
import { NOTHING_LISTED, listScope, mayReach } from '../own-organization.js';

/** An org_member reaches only its own organization's reports; another's is "not found". */
export async function getReport(ctx: ServiceContext, id: string): Promise<Report> {
  const r = await getReportItem(ctx.store, id);
  if (!r || !mayReach(ctx, r.organizationId)) throw AppError.notFound('周报');
  return r;
}

export async function listReports(ctx: ServiceContext, q: { organizationId?: string; weekStart?: string; limit: number; cursor?: string }) {
  const scope = listScope(ctx, q.organizationId);
  if (!scope) return NOTHING_LISTED;
  return listReportItems(ctx.store, { ...q, ...scope });
}

/** The organization a caller files for: its own for an org_member, the named one for the bureau. */
export function reportingOrganizationId(ctx: ServiceContext, named: string | undefined): string {
  if (ctx.caller.role === 'org_member') {
    if (named && named !== ctx.caller.organizationId) throw AppError.forbidden('只能为本组织提交周报');
    if (!ctx.caller.organizationId) throw AppError.forbidden('账号未关联组织');
    return ctx.caller.organizationId;
  }
  if (!named) throw AppError.field('organizationId', '请选择提交周报的组织');
  return named;
}

/** The organization's pairings (a handful), to check rule 3's "active at some point in the week". */
async function organizationPairings(ctx: ServiceContext, orgId: string) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await listPairingItems(ctx.store, { organizationId: orgId, limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/**
 * Rule 3: a weekly report of an approved organization with an active pairing during the week; one
 * per organization and week (a draft may be saved again, and submitted); on time when submitted by
 * the week's deadline in the tenant's zone, late after it.
 */
export async function fileReport(ctx: ServiceContext, input: ReportInput): Promise<Report> {
  const orgId = reportingOrganizationId(ctx, input.organizationId);
  const org = await requireApprovedOrganization({ ...ctx, caller: { ...ctx.caller, role: 'bureau_admin' } }, orgId).catch((e) => {
    throw e instanceof AppError && e.status === 404 ? AppError.field('organizationId', '组织不存在') : e;
  });
  const rules = await reportingRules(ctx);
  const weekStart = input.weekStart;
  if (weekStart > rules.today) throw AppError.field('weekStart', '该周尚未开始，不能提交周报');
  const pairings = await organizationPairings(ctx, orgId);
  if (!pairings.some((p) => activeDuringWeek(p, weekStart))) {
    throw AppError.conflict(`组织「${org.name}」在 ${weekStart} 至 ${addDays(weekStart, 6)} 这一周没有生效中的结对，无需提交周报`, {
      reason: 'no_active_pairing',
    });
  }
  const existing = await getWeekEntry(ctx.store, weekStart, orgId);
  if (existing && existing.status !== 'draft') {
    throw AppError.conflict('该组织本周的周报已提交，不能重复提交', { reason: 'duplicate_report', reportId: existing.reportId });
  }
  const before = existing ? await getReportItem(ctx.store, existing.reportId) : null;
  const at = ctx.now.toISOString();
  const deadline = deadlineOf(rules, weekStart);
  const status = input.status ?? 'submitted';
  const submittedAt = status === 'submitted' ? at : null;
  const timeliness = submittedAt ? (submittedAt <= deadline ? 'onTime' : 'late') : null;
  const report: Report = {
    id: before?.id ?? newId('rep'),
    organizationId: orgId,
    organizationName: org.name,
    weekStart,
    summary: input.summary,
    progress: input.progress,
    results: input.results,
    status,
    deadline,
    submittedAt,
    timeliness,
    photos: before?.photos ?? [],
    createdBy: before?.createdBy ?? ctx.caller.userId,
    createdAt: before?.createdAt ?? at,
    updatedAt: at,
  };
  await ctx.store.transact([
    ...(before ? updateDraftTx(ctx.store, report) : putNewReportTx(ctx.store, report)),
    // the week's snapshot: expected (it had a pairing that week) and, once submitted, on time or late
    expectOrgTx(ctx.store, weekStart, { id: org.id, name: org.name }, timeliness ? { [timeliness]: [org.id] } : {}),
    auditPut(ctx, 'report', report.id, before ? (submittedAt ? 'submit' : 'update_draft') : submittedAt ? 'submit' : 'draft', before, report),
  ]);
  return report;
}
