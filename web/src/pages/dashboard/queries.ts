import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export const dashboardKey = ['dashboard'] as const;

/** GET /api/dashboard: coverage (rule 1), pairing counts and rule flags. */
export function useDashboard() {
  return useQuery({ queryKey: dashboardKey, queryFn: () => call(api.dashboard.$get()) });
}

export type Dashboard = NonNullable<ReturnType<typeof useDashboard>['data']>;

/** The flag kinds the dashboard service emits (rules 1 and 2). */
export type Flag =
  | { kind: 'uncovered_supervised'; villageId: string; villageName: string; township: string }
  | { kind: 'pairing_gap_open'; villageId: string; villageName: string; endedOn: string; days: number }
  | { kind: 'pairing_gap'; villageId: string; villageName: string; endedOn: string; resumedOn: string; days: number };
