import type { Dashboard } from '../../../shared/schemas/dashboard.js';
import type { ServiceContext } from '../context.js';
import { reportsForDashboard, visitsForDashboard } from '../reports/dashboard.js';

/**
 * The reports module's part of the dashboard (rules 3, 4 and 10): functions/modules/reports/dashboard.ts
 * (reportsForDashboard, visitsForDashboard), read from its own counter items. The one place the
 * dashboard knows its shape.
 */
export type ReportsPart = {
  reports: Dashboard['reports'];
  reportsThisWeek: Dashboard['reportsThisWeek'];
  reportFlags: Dashboard['flags'];
};
export type VisitsPart = { visits: Dashboard['visits']; visitFlags: Dashboard['flags'] };

export async function reportsPart(ctx: ServiceContext): Promise<ReportsPart> {
  const r = await reportsForDashboard(ctx);
  return { reports: r.reports, reportsThisWeek: r.reportsThisWeek, reportFlags: r.flags };
}

export async function visitsPart(ctx: ServiceContext): Promise<VisitsPart> {
  const v = await visitsForDashboard(ctx);
  return { visits: v.visits, visitFlags: v.flags };
}
