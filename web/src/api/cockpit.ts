import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ImportKind, ImportResult } from '../../../shared/schemas/imports';
import type { FulfilInput, Need, NeedInput, NeedStatus, NeedSummary, PledgeInput } from '../../../shared/schemas/needs';
import type { VILLAGE_NEEDS } from '../../../shared/schemas/villages';
type VillageNeed = (typeof VILLAGE_NEEDS)[number];
import type { Compliance, ComplianceGrid, QuarterVisits, Report, ReportInput, ReportingStanding } from '../../../shared/schemas/reports';
import { api, call } from './client';
import { uploadCall } from './json';

/** A typed route's query: every defined value as a string. */
function strings<T extends Record<string, string | number | boolean | undefined>>(q: T): { [K in keyof T]?: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') out[k] = String(v);
  return out as { [K in keyof T]?: string };
}

type Page<T> = { items: T[]; nextCursor?: string | null };

/** Everything the cockpit caches, so one write can refresh what it moves. */
const COCKPIT_KEYS = ['reports', 'standing', 'compliance', 'compliance-grid', 'visits', 'needs', 'needs-summary', 'dashboard', 'commitments'];
function refreshCockpit(queryClient: QueryClient, ...keys: string[]) {
  return Promise.all((keys.length ? keys : COCKPIT_KEYS).map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
}

// ---- weekly reports (rule 3) and the ladder (rule 10)

export function useReports(params: { organizationId?: string; weekStart?: string }, enabled = true) {
  return useQuery({
    queryKey: ['reports', params],
    queryFn: (): Promise<Page<Report>> => call(api.reports.$get({ query: strings({ limit: 100, ...params }) })),
    enabled,
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: ['reports', 'one', id],
    queryFn: (): Promise<Report> => call(api.reports[':id'].$get({ param: { id: id as string } })),
    enabled: !!id,
  });
}

export function useSaveReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: ReportInput; key: string }): Promise<Report> =>
      call(api.reports.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => refreshCockpit(queryClient),
  });
}

export function useStanding(enabled = true) {
  return useQuery({
    queryKey: ['standing'],
    queryFn: (): Promise<ReportingStanding> => call(api.reports.standing.$get({ query: {} })),
    enabled,
    // an old server without the route: no banner rather than an error on every portal page
    retry: false,
  });
}

export function useCompliance(weekStart: string | undefined) {
  return useQuery({
    queryKey: ['compliance', weekStart ?? 'latest'],
    queryFn: (): Promise<Compliance> => call(api.reports.compliance.$get({ query: strings({ weekStart }) })),
  });
}

export function useComplianceGrid(to: string | undefined, weeks = 8) {
  return useQuery({
    queryKey: ['compliance-grid', to ?? 'latest', weeks],
    queryFn: (): Promise<ComplianceGrid> => call(api.reports.compliance.grid.$get({ query: strings({ to, weeks }) })),
  });
}

// ---- visits (rule 4)

export function useQuarterVisits(quarter: string | undefined) {
  return useQuery({ queryKey: ['visits', quarter ?? 'last'], queryFn: (): Promise<QuarterVisits> => call(api.visits.$get({ query: strings({ quarter }) })) });
}

// ---- village needs (需求对接)

export type NeedFilters = { villageId?: string; status?: NeedStatus; category?: VillageNeed; paired?: boolean };

export function useNeeds(filters: NeedFilters) {
  const { paired, ...rest } = filters;
  const query = { limit: '100', ...strings(rest), ...(paired === undefined ? {} : { paired: paired ? ('true' as const) : ('false' as const) }) };
  return useQuery({
    queryKey: ['needs', filters],
    queryFn: (): Promise<Page<Need>> => call(api.needs.$get({ query: query as typeof query & { status?: NeedStatus; category?: VillageNeed } })),
  });
}

export function useNeedSummary(enabled = true) {
  return useQuery({ queryKey: ['needs-summary'], queryFn: (): Promise<NeedSummary> => call(api.needs.summary.$get()), enabled });
}

export type NeedAction =
  | { kind: 'create'; input: NeedInput; key: string }
  | { kind: 'pledge'; id: string; input: PledgeInput; key: string }
  | { kind: 'fulfil'; id: string; input: FulfilInput; key: string }
  | { kind: 'withdraw'; id: string; reason?: string; key: string };

export function useNeedAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: NeedAction): Promise<Need> => {
      const headers = { headers: { 'Idempotency-Key': a.key } };
      if (a.kind === 'create') return call(api.needs.$post({ json: a.input }, headers));
      const route = api.needs[':id'];
      const param = { id: a.id };
      if (a.kind === 'pledge') return call(route.pledge.$post({ param, json: a.input }, headers));
      if (a.kind === 'fulfil') return call(route.fulfil.$post({ param, json: a.input }, headers));
      return call(route.withdraw.$post({ param, json: a.reason ? { reason: a.reason } : {} }, headers));
    },
    onSuccess: () => refreshCockpit(queryClient, 'needs', 'needs-summary', 'dashboard'),
  });
}

// ---- imports

export function useImport(kind: ImportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; key: string }) => uploadCall<ImportResult>(`/imports/${kind}`, v.file, v.key),
    onSuccess: (r) => {
      if (r.errors.length === 0) void queryClient.invalidateQueries({ queryKey: [kind] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
