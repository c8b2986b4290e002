import { addDays } from '../../../shared/dates.js';
import type { Compliance, ComplianceEntry, ComplianceGrid, ReportingStanding } from '../../../shared/schemas/reports.js';
import { AppError } from '../../errors.js';
import type { TenantStore } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';
import { getOrganizationItem } from '../organizations/store.js';
import { weekEntries } from './store.js';
import {
  cellOf,
  currentWeek,
  aheadWeek,
  deadlineOf,
  dueWeek,
  filedAhead,
  ladderLevel,
  MAX_STREAK_WEEKS,
  missedWeeks,
  readWeek,
  readWeeks,
  reportingRules,
  streakOf,
  weeksTo,
  type ReportingRules,
  type WeekSnapshot,
} from '../report-weeks/weeks.js';

/**
 * Rule 10 for many organizations at once: each one's missed weeks counting back from `from`,
 * reading week snapshots in batches of 8 only while some organization's streak is still running.
 * When `from` is the latest due week, a filed week after it ends the run (weeks.ts filedAhead).
 */
export async function streaksFor(
  store: TenantStore,
  orgIds: string[],
  from: string,
  rules: ReportingRules,
  latestDue: boolean,
): Promise<Map<string, string[]>> {
  const out = new Map(orgIds.map((o) => [o, [] as string[]]));
  const ended = latestDue ? await filedAhead(store, orgIds, from, rules) : new Set<string>();
  let running = new Set(orgIds.filter((o) => !ended.has(o)));
  for (let start = 0; start < MAX_STREAK_WEEKS && running.size > 0; start += 8) {
    const batch = Array.from({ length: Math.min(8, MAX_STREAK_WEEKS - start) }, (_, i) => addDays(from, -7 * (start + i)));
    const weeks = await readWeeks(store, batch, rules);
    const newestFirst = batch.map((w) => weeks.get(w)!);
    const still = new Set<string>();
    for (const org of running) {
      const run = streakOf(newestFirst, org);
      out.get(org)!.push(...run);
      if (run.length === batch.length) still.add(org);
    }
    running = still;
  }
  return out;
}

const orgsOf = (w: WeekSnapshot) => new Set([...w.expected, ...w.onTime, ...w.late]);

/** Rule 3: per expected organization, on time, late, missing (deadline passed) or pending (not yet). */
export async function weeklyCompliance(ctx: ServiceContext, q: { weekStart?: string }): Promise<Compliance> {
  const rules = await reportingRules(ctx);
  const weekStart = q.weekStart ?? dueWeek(ctx, rules);
  const deadline = deadlineOf(rules, weekStart);
  const due = Date.parse(deadline) <= ctx.now.getTime();
  const [week, entries] = await Promise.all([readWeek(ctx.store, weekStart, rules), weekEntries(ctx.store, weekStart)]);
  const orgs = [...orgsOf(week)];
  const streaks = due ? await streaksFor(ctx.store, orgs, weekStart, rules, weekStart === dueWeek(ctx, rules)) : new Map<string, string[]>();
  const counts = { onTime: 0, late: 0, missing: 0, pending: 0 };
  const items: ComplianceEntry[] = orgs.map((orgId) => {
    const status = cellOf(week, orgId, due) ?? (due ? 'missing' : 'pending');
    counts[status] += 1;
    const entry = entries.get(orgId);
    const submitted = entry && entry.status === 'submitted';
    return {
      organizationId: orgId,
      organizationName: week.names.get(orgId) ?? orgId,
      status,
      reportId: entry?.reportId ?? null,
      submittedAt: submitted ? entry.submittedAt : null,
      missedStreak: streaks.get(orgId)?.length ?? 0,
    };
  });
  const order = { missing: 0, late: 1, pending: 2, onTime: 3 };
  items.sort((a, b) => order[a.status] - order[b.status] || b.missedStreak - a.missedStreak || a.organizationName.localeCompare(b.organizationName, 'zh-CN'));
  return { weekStart, deadline, due, counts, items };
}

/** Organizations × weeks (oldest first), ending at `to` (default: the current week). */
export async function complianceGrid(ctx: ServiceContext, q: { to?: string; weeks: number }): Promise<ComplianceGrid> {
  const rules = await reportingRules(ctx);
  const to = q.to ?? currentWeek(rules);
  const starts = weeksTo(to, q.weeks);
  const snapshots = await readWeeks(ctx.store, starts, rules);
  const weeks = starts.map((w) => {
    const deadline = deadlineOf(rules, w);
    return { weekStart: w, deadline, due: Date.parse(deadline) <= ctx.now.getTime() };
  });
  const names = new Map<string, string>();
  for (const s of snapshots.values()) for (const org of orgsOf(s)) names.set(org, s.names.get(org) ?? names.get(org) ?? org);
  const streaks = await streaksFor(ctx.store, [...names.keys()], dueWeek(ctx, rules), rules, true);
  const rows = [...names].map(([orgId, organizationName]) => ({
    organizationId: orgId,
    organizationName,
    cells: weeks.map((w) => cellOf(snapshots.get(w.weekStart)!, orgId, w.due)),
    missedStreak: streaks.get(orgId)?.length ?? 0,
  }));
  rows.sort((a, b) => b.missedStreak - a.missedStreak || a.organizationName.localeCompare(b.organizationName, 'zh-CN'));
  return { weeks, rows };
}

/** Rule 10: an organization's standing on the reporting ladder (an org_member sees its own). */
export async function reportingStanding(ctx: ServiceContext, q: { organizationId?: string }): Promise<ReportingStanding> {
  let orgId = q.organizationId;
  if (ctx.caller.role === 'org_member') {
    if (orgId && orgId !== ctx.caller.organizationId) throw AppError.notFound('组织');
    orgId = ctx.caller.organizationId;
  }
  if (!orgId) throw AppError.field('organizationId', '请选择组织');
  if (!(await getOrganizationItem(ctx.store, orgId))) throw AppError.notFound('组织');
  const rules = await reportingRules(ctx);
  const due = dueWeek(ctx, rules);
  const missed = await missedWeeks(ctx.store, orgId, due, rules);
  // a run ended by a week filed ahead: its weeks are still missing, and may still be filed late
  const open = missed.length || !aheadWeek(rules, due) ? missed : await missedWeeks(ctx.store, orgId, due, rules, MAX_STREAK_WEEKS, false);
  return { organizationId: orgId, missedStreak: missed.length, level: ladderLevel(missed.length), missedWeeks: missed, openWeeks: open };
}
