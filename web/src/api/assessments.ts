import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssessmentResult, ManualScoreInput, Scheme, SchemeInput } from '../../../shared/schemas/assessments';
import { api, call } from './client';
import { downloadWithProgress, type Progress } from './json';

/** GET /api/assessments/schemes: newest first. */
export function useSchemes() {
  return useQuery({ queryKey: ['assessment-schemes'], queryFn: (): Promise<{ items: Scheme[] }> => call(api.assessments.schemes.$get()) });
}

/** GET /api/assessments?period=&schemeId= (a member: its own scorecard). */
export function useAssessment(period: string, schemeId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['assessments', period, schemeId ?? ''],
    enabled,
    queryFn: (): Promise<AssessmentResult> => call(api.assessments.$get({ query: { period, ...(schemeId ? { schemeId } : {}) } })),
  });
}

export function useCreateScheme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SchemeInput) => call(api.assessments.schemes.$post({ json: input as never })) as Promise<Scheme>,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['assessment-schemes'] }), qc.invalidateQueries({ queryKey: ['assessments'] })]),
  });
}

/** PATCH /api/assessments/:organizationId/:criterionId (bureau): a manual score or a veto, with a reason. */
export function useSetScore() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { organizationId: string; itemId: string; input: ManualScoreInput }) =>
      call(api.assessments[':organizationId'][':criterionId'].$patch({ param: { organizationId: v.organizationId, criterionId: v.itemId }, json: v.input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['assessments'] }),
  });
}

/** GET /api/exports/assessment.xlsx: the period's assessment workbook, streamed. */
export function downloadAssessment(period: string, schemeId: string | undefined, onProgress: (p: Progress) => void) {
  const q = new URLSearchParams({ period, ...(schemeId ? { schemeId } : {}) });
  return downloadWithProgress(`/exports/assessment.xlsx?${q.toString()}`, onProgress);
}
