import { addDays, previousQuarter, quarterOf } from '../../../shared/dates.js';
import type { Dashboard } from '../../../shared/schemas/dashboard.js';
import type { ServiceContext } from '../context.js';
import { activeDuringQuarter, readQuarter } from '../visits/service.js';
import { quarterRange } from '../../../shared/dates.js';
import type { Pairing } from '../../../shared/schemas/pairings.js';
import { listActivityItems } from '../activities/store.js';
import { weekReportItems } from './store.js';
import {
  aheadWeek,
  cellOf,
  deadlineOf,
  dueWeek,
  expectedInWeek,
  filed,
  ladderLevel,
  pairingsWithApproval,
  readWeeks,
  reportingRules,
  streakOf,
} from '../report-weeks/weeks.js';

export type DashboardFlag = { kind: string } & Record<string, unknown>;

/** How many due weeks the dashboard reads for the ladder: enough to tell blocked (4) from warned. */
const LADDER_WEEKS = 4;

/**
 * Rule 3 and rule 10 for the dashboard, from counter items only: the latest due week, the week being
 * collected now, and the three weeks before the due one (for the ladder) — five snapshot items and
 * the tenant record, however many organizations and reports there are.
 */
export async function reportsForDashboard(
  ctx: ServiceContext,
): Promise<{ reports: Dashboard['reports']; reportsThisWeek: Dashboard['reportsThisWeek']; flags: DashboardFlag[] }> {
  const rules = await reportingRules(ctx);
  const due = dueWeek(ctx, rules);
  const collecting = addDays(due, 7);
  const ladder = Array.from({ length: LADDER_WEEKS }, (_, i) => addDays(due, -7 * i));
  const weeks = await readWeeks(ctx.store, [collecting, ...ladder], rules);
  const ahead = aheadWeek(rules, due); // the collecting week, when it has ended
  const w = weeks.get(due)!;
  const name = (o: string) => w.names.get(o) ?? o;
  const byName = (a: string, b: string) => name(a).localeCompare(name(b), 'zh-CN') || a.localeCompare(b);
  const missing = [...w.expected].filter((o) => cellOf(w, o, true) === 'missing').sort(byName);
  const flags: DashboardFlag[] = [];
  for (const o of missing) {
    flags.push({ kind: 'report_missing', organizationId: o, organizationName: name(o), weekStart: due });
    // a week filed after the due one (before its deadline) ends the run (weeks.ts filedAhead)
    const missed =
      ahead && filed(weeks.get(ahead)!, o)
        ? []
        : streakOf(
            ladder.map((x) => weeks.get(x)!),
            o,
          );
    const level = ladderLevel(missed.length);
    if (level === 'warned' || level === 'blocked') {
      // the dashboard reads four weeks: missedStreak is at most 4 here (GET /api/reports/standing has the full run)
      flags.push({
        kind: `reporting_${level}`,
        organizationId: o,
        organizationName: name(o),
        weekStart: due,
        missedWeeks: missed,
        missedStreak: missed.length,
      });
    }
  }
  for (const o of [...w.late].sort(byName)) flags.push({ kind: 'report_late', organizationId: o, organizationName: name(o), weekStart: due });
  const c = weeks.get(collecting)!;
  const submitted = new Set([...c.onTime, ...c.late]);
  return {
    reports: { weekStart: due, deadline: deadlineOf(rules, due), onTime: w.onTime.size, late: w.late.size, missing: missing.length },
    reportsThisWeek: {
      weekStart: collecting,
      deadline: deadlineOf(rules, collecting),
      submitted: submitted.size,
      expected: new Set([...c.expected, ...submitted]).size,
    },
    flags,
  };
}

/** Rule 4 for the dashboard: the last closed quarter's pairings without a visit, from one counter item. */
export async function visitsForDashboard(ctx: ServiceContext): Promise<{ visits: Dashboard['visits']; flags: DashboardFlag[] }> {
  const rules = await reportingRules(ctx);
  const quarter = previousQuarter(quarterOf(rules.today));
  const q = await readQuarter(ctx.store, quarter, rules.today);
  const unvisited = [...q.active].filter((id) => !q.visited.has(id));
  const flags = unvisited.sort().map((id) => {
    const p = q.pairings.get(id);
    return {
      kind: 'no_visit',
      pairingId: id,
      villageId: p?.villageId,
      villageName: p?.villageName,
      organizationId: p?.organizationId,
      organizationName: p?.organizationName,
      quarter,
    };
  });
  return { visits: { quarter, flagged: unvisited.length }, flags };
}

/**
 * visitsForDashboard recounted from the records — the pairing records active in the last closed
 * quarter and each one's visit activities dated in it — not the quarter item the dashboard reads.
 */
export async function recountVisits(ctx: ServiceContext): Promise<{ visits: Dashboard['visits']; flags: DashboardFlag[] }> {
  const rules = await reportingRules(ctx);
  const quarter = previousQuarter(quarterOf(rules.today));
  const { from, to } = quarterRange(quarter);
  const pairings = (await ctx.store.queryAll<Pairing>({ pk: ctx.store.pk('PAIRING') }, 10_000_000)).filter((p) => activeDuringQuarter(p, quarter));
  const unvisited: Pairing[] = [];
  for (const p of pairings) {
    let visited: boolean;
    let cursor: string | undefined;
    do {
      const page = await listActivityItems(ctx.store, p.id, 100, cursor);
      visited = page.items.some((a) => a.type === 'visit' && a.date >= from && a.date <= to);
      cursor = page.nextCursor ?? undefined;
    } while (!visited && cursor);
    if (!visited) unvisited.push(p);
  }
  const flags = unvisited
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((p) => ({
      kind: 'no_visit' as const,
      pairingId: p.id,
      villageId: p.villageId,
      villageName: p.villageName,
      organizationId: p.organizationId,
      organizationName: p.organizationName,
      quarter,
    }));
  return { visits: { quarter, flagged: unvisited.length }, flags };
}

/** A week's figures recounted from the records (pairings and reports), to check the snapshot against. */
export async function recountReports(
  ctx: ServiceContext,
  weekStart: string,
): Promise<{ expected: string[]; onTime: string[]; late: string[]; missing: string[] }> {
  const rules = await reportingRules(ctx);
  const deadline = deadlineOf(rules, weekStart);
  const pairings = await pairingsWithApproval(ctx.store);
  const reports = (await weekReportItems(ctx.store, weekStart)).filter((r) => r.status === 'submitted');
  const onTime = reports.filter((r) => r.timeliness === 'onTime').map((r) => r.organizationId);
  const late = reports.filter((r) => r.timeliness === 'late').map((r) => r.organizationId);
  const expected = new Set([...pairings.filter((p) => expectedInWeek(p, weekStart, deadline)).map((p) => p.organizationId), ...onTime, ...late]);
  const reported = new Set([...onTime, ...late]);
  const sort = (a: Iterable<string>) => [...a].sort();
  return { expected: sort(expected), onTime: sort(onTime), late: sort(late), missing: sort([...expected].filter((o) => !reported.has(o))) };
}
