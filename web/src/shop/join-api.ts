import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { ApplicationCreated, ApplicationFields, ApplicationStatusView } from '../../../shared/schemas/accounts';
import { api, call } from '../api/client';
import { ApiError, errorOfBody, NetworkError } from '../api/errors';
import { useTransparency } from './charity-api';

/**
 * Applying to join a programme (no account): the multipart form, sent with an XMLHttpRequest so
 * the upload can show its progress, and the applicant's status through its token.
 */
const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}/applications`;

/** The form's text fields as the shared schema reads them (villageIds always a list). */
export type ApplicationText = ApplicationFields;

/** POST the application: text fields, `villageIds` once per village, `documents` once per file. */
export function submitApplication(
  slug: string,
  fields: ApplicationText,
  documents: File[],
  key: string,
  onProgress: (percent: number) => void,
): Promise<z.infer<typeof ApplicationCreated>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'villageIds' || value === undefined || value === '') continue;
    form.append(name, String(value));
  }
  for (const id of fields.villageIds) form.append('villageIds', id);
  for (const file of documents) form.append('documents', file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', base(slug));
    // the same key for a double tap or a retry of the same fill: the server applies it once
    xhr.setRequestHeader('Idempotency-Key', key);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new NetworkError('upload failed'));
    xhr.ontimeout = () => reject(new NetworkError('upload timed out'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        onProgress(100);
        resolve(body as z.infer<typeof ApplicationCreated>);
      } else reject(errorOfBody(xhr.status, xhr.statusText, body));
    };
    xhr.send(form);
  });
}

/** The applicant's view of its application; the token travels in a header, never in the URL. */
export function usePublicApplication(slug: string, id: string, statusToken: string) {
  return useQuery({
    queryKey: ['public', slug, 'application', id, statusToken],
    queryFn: (): Promise<ApplicationStatusView> =>
      call(api.public[':tenantSlug'].applications[':id'].$get({ param: { tenantSlug: slug, id } }, { headers: { 'X-Status-Token': statusToken } })),
    enabled: statusToken !== '',
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    refetchOnWindowFocus: true,
    // a decision may come while the page is open
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 60_000 : false),
  });
}

export type JoinVillage = { id: string; name: string; township: string; supervised: boolean };

/** The villages an applicant may name: every village of the tenant, from its public page. */
export function useJoinVillages(slug: string) {
  const transparency = useTransparency(slug);
  const villages = useMemo<JoinVillage[]>(
    () => (transparency.data?.villages ?? []).map((v) => ({ id: v.villageId, name: v.name, township: v.township, supervised: v.supervised })),
    [transparency.data],
  );
  return { villages, tenantName: transparency.data?.tenant.name, loading: transparency.isPending, error: transparency.error };
}
