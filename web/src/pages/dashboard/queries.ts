import { useQuery } from '@tanstack/react-query';
import type { Dashboard as DashboardBody } from '../../../../shared/schemas/dashboard';
import { api, call } from '../../api/client';

export const dashboardKey = ['dashboard'] as const;

/** GET /api/dashboard: coverage (rule 1), counts, reports, needs, commitments, months and rule flags. */
export function useDashboard() {
  return useQuery({ queryKey: dashboardKey, queryFn: async (): Promise<DashboardBody> => (await call(api.dashboard.$get())) as DashboardBody });
}

export type Dashboard = DashboardBody;

/** The flag kinds the dashboard service emits (rules 1, 2, 3, 4, 10 and the pairing limit). */
export type Flag =
  | { kind: 'uncovered_supervised'; villageId: string; villageName: string; township: string }
  | { kind: 'pairing_gap_open'; villageId: string; villageName: string; endedOn: string; days: number }
  | { kind: 'pairing_gap'; villageId: string; villageName: string; endedOn: string; resumedOn: string; days: number }
  | { kind: 'report_missing' | 'report_late'; organizationId: string; organizationName: string; weekStart: string }
  | {
      kind: 'reporting_warned' | 'reporting_blocked';
      organizationId: string;
      organizationName: string;
      weekStart: string;
      missedStreak: number;
      missedWeeks: string[];
    }
  | { kind: 'no_visit'; pairingId: string; villageId?: string; villageName?: string; organizationId?: string; organizationName?: string; quarter: string }
  | { kind: 'over_limit'; organizationId: string; organizationName: string; activePairings: number; limit: number };
