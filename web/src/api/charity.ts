import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Concern, ConcernPatch, ConcernStatus } from '../../../shared/schemas/concerns';
import type { Donation, DonationInput } from '../../../shared/schemas/donations';
import type { Expenditure, ExpenditureInput } from '../../../shared/schemas/expenditures';
import type { RecognitionCategoryInput, RecognitionList } from '../../../shared/schemas/recognition';
import type { RecognitionThresholds } from '../../../shared/schemas/transparency';
import { api, call } from './client';
import { useCursorList } from './cursor';

export type DonationFilters = { villageId?: string; organizationId?: string; kind?: Donation['kind']; status?: Donation['status'] };

const TOPICS = ['donations', 'expenditures', 'recognition', 'dashboard', 'village-funds'];
const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => Promise.all(TOPICS.map((t) => qc.invalidateQueries({ queryKey: [t] })));

/** GET /api/donations: newest first, 20 a page (an org_member sees its own organization's). */
export function useDonations(f: DonationFilters) {
  return useCursorList<Donation>(['donations', f], (cursor) =>
    call(
      api.donations.$get({
        query: {
          limit: '20',
          ...(f.villageId ? { villageId: f.villageId } : {}),
          ...(f.organizationId ? { organizationId: f.organizationId } : {}),
          ...(f.kind ? { kind: f.kind } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(cursor ? { cursor } : {}),
        },
      }),
    ),
  );
}

/** POST /api/donations: an offline cash or goods donation (goods at estimated value, described). */
export function useLogDonation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: DonationInput; key: string }) => call(api.donations.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidateAll(qc),
  });
}

/** POST /api/donations/:id/refund: the bureau gives a confirmed donation back (online cash through the payment provider). */
export function useRefundDonation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason?: string }) =>
      call(api.donations[':id'].refund.$post({ param: { id: v.id }, json: v.reason ? { reason: v.reason } : {} })),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useExpenditures(villageId?: string) {
  return useCursorList<Expenditure>(['expenditures', villageId ?? ''], (cursor) =>
    call(api.expenditures.$get({ query: { limit: '20', ...(villageId ? { villageId } : {}), ...(cursor ? { cursor } : {}) } })),
  );
}

/** POST /api/expenditures: refused 409 when it would spend more than the village's cash balance (rule 8). */
export function useRecordExpenditure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: ExpenditureInput; key: string }) => call(api.expenditures.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidateAll(qc),
  });
}

/** GET /api/recognition?year= (bureau): every organization against its category's threshold in the year. */
export function useRecognition(year: string) {
  return useQuery({ queryKey: ['recognition', year], queryFn: (): Promise<RecognitionList> => call(api.recognition.$get({ query: { year } })) });
}

/** POST /api/recognition/categories, or PATCH …/:id with `id` (bureau). */
export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; input: RecognitionCategoryInput }) =>
      v.id ? call(api.recognition.categories[':id'].$patch({ param: { id: v.id }, json: v.input })) : call(api.recognition.categories.$post({ json: v.input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['recognition'] }),
  });
}

/** PUT /api/recognition/organizations/:id/category (bureau): null takes it out of every category. */
export function useAssignCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { organizationId: string; categoryId: string | null }) =>
      call(api.recognition.organizations[':id'].category.$put({ param: { id: v.organizationId }, json: { categoryId: v.categoryId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['recognition'] }),
  });
}

/** PATCH /api/settings {recognitionThresholds} (bureau). */
export function useSaveThresholds() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (thresholds: RecognitionThresholds) => call(api.settings.$patch({ json: { recognitionThresholds: thresholds } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['recognition'] }),
  });
}

/** The concerns, by status; with `ticketNo`, the one concern of that ticket number. */
export function useConcerns(status?: ConcernStatus, ticketNo?: string) {
  return useCursorList<Concern>(['concerns', status ?? '', ticketNo ?? ''], (cursor) =>
    call(api.concerns.$get({ query: { limit: '20', ...(ticketNo ? { ticketNo } : status ? { status } : {}), ...(cursor ? { cursor } : {}) } })),
  );
}

export function usePatchConcern() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; patch: ConcernPatch }) => call(api.concerns[':id'].$patch({ param: { id: v.id }, json: v.patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['concerns'] }),
  });
}
