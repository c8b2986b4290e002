import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Concern, ConcernPatch, ConcernStatus } from '../../../shared/schemas/concerns';
import type { Donation, DonationInput } from '../../../shared/schemas/donations';
import type { Expenditure, ExpenditureInput } from '../../../shared/schemas/expenditures';
import type { RecognitionList, RecognitionThresholds } from '../../../shared/schemas/transparency';
import { useCursorList } from './cursor';
import { untypedCall } from './untyped';

type Page<T> = { items: T[]; nextCursor: string | null };
export type DonationFilters = { villageId?: string; organizationId?: string; kind?: Donation['kind']; status?: Donation['status'] };

const TOPICS = ['donations', 'expenditures', 'recognition', 'dashboard', 'village-funds'];
const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => Promise.all(TOPICS.map((t) => qc.invalidateQueries({ queryKey: [t] })));

/** GET /api/donations: newest first, 20 a page (an org_member sees its own organization's). */
export function useDonations(f: DonationFilters) {
  return useCursorList<Donation>(['donations', f], (cursor) => untypedCall<Page<Donation>>('GET', '/donations', { query: { limit: '20', ...f, cursor } }));
}

/** POST /api/donations: an offline cash or goods donation (goods at estimated value, described). */
export function useLogDonation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: DonationInput; key: string }) => untypedCall<Donation>('POST', '/donations', { json: v.input, headers: { 'Idempotency-Key': v.key } }),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useExpenditures(villageId?: string) {
  return useCursorList<Expenditure>(['expenditures', villageId ?? ''], (cursor) => untypedCall<Page<Expenditure>>('GET', '/expenditures', { query: { limit: '20', villageId, cursor } }));
}

/** POST /api/expenditures: refused 409 when it would spend more than the village's cash balance (rule 8). */
export function useRecordExpenditure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: ExpenditureInput; key: string }) => untypedCall<Expenditure>('POST', '/expenditures', { json: v.input, headers: { 'Idempotency-Key': v.key } }),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useRecognition() {
  return useQuery({ queryKey: ['recognition'], queryFn: () => untypedCall<RecognitionList>('GET', '/recognition') });
}

/** PATCH /api/settings {recognitionThresholds} (bureau). */
export function useSaveThresholds() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (thresholds: RecognitionThresholds) => untypedCall<unknown>('PATCH', '/settings', { json: { recognitionThresholds: thresholds } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['recognition'] }),
  });
}

export function useConcerns(status?: ConcernStatus) {
  return useCursorList<Concern>(['concerns', status ?? ''], (cursor) => untypedCall<Page<Concern>>('GET', '/concerns', { query: { limit: '20', status, cursor } }));
}

export function usePatchConcern() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; patch: ConcernPatch }) => untypedCall<Concern>('PATCH', `/concerns/${encodeURIComponent(v.id)}`, { json: v.patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['concerns'] }),
  });
}
