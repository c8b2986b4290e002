import type { z } from 'zod';
import type { ApplicationFields } from '../../../../shared/schemas/accounts';
import type { ApiError } from '../../api/errors';
import type { Language } from '../../i18n';
import { normalizeCreditCode } from './CreditCodeHint';

/** What the join form holds (the kind as the Selector gives it: a list of one). */
export type JoinValues = {
  name?: string;
  kind: ApplicationFields['kind'][];
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
  email?: string;
  villageIds: string[];
  description?: string;
  documents: File[];
  consent: boolean;
};
export type JoinField = keyof JoinValues;

/** One field of the shared schema as a form rule: its Chinese message shows under the field. */
export const rule = (schema: z.ZodType) => ({
  validator: async (_: unknown, value: unknown) => {
    const r = schema.safeParse(typeof value === 'string' && value.trim() === '' ? undefined : value);
    if (!r.success) throw new Error(r.error.issues[0]?.message);
  },
});

/** The form's values as the schema reads them (trimmed, the code in capitals without spaces). */
export function applicationText(v: JoinValues, locale: Language) {
  return {
    name: v.name?.trim() ?? '',
    kind: v.kind[0],
    creditCode: String(normalizeCreditCode(v.creditCode ?? '')),
    contactName: v.contactName?.trim() ?? '',
    contactPhone: v.contactPhone?.trim() ?? '',
    email: v.email?.trim() ?? '',
    villageIds: v.villageIds,
    ...(v.description?.trim() ? { description: v.description.trim() } : {}),
    locale,
  };
}

/** The server's field paths (creditCode, documents.1, villageIds.0 …) to this form's fields. */
const FIELD_OF: Record<string, JoinField> = {
  name: 'name',
  kind: 'kind',
  creditCode: 'creditCode',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  email: 'email',
  villageIds: 'villageIds',
  description: 'description',
  documents: 'documents',
};

export type SortedErrors = { fields: Map<JoinField, string[]>; code?: string; rest: string[] };

/**
 * A 400's details sorted by where they show: under a field (a document's with its file's name,
 * through `documentError`), under the credit code's live check, or above the submit button.
 */
export function sortServerErrors(e: ApiError, documents: File[], documentError: (name: string, message: string) => string): SortedErrors {
  const sorted: SortedErrors = { fields: new Map(), rest: [] };
  for (const fe of e.fieldErrors) {
    const [head, index] = fe.path.split('.');
    const field = FIELD_OF[head];
    if (!field) sorted.rest.push(fe.message);
    else if (field === 'creditCode') sorted.code = fe.message;
    else {
      const file = field === 'documents' && index !== undefined ? documents[Number(index)] : undefined;
      sorted.fields.set(field, [...(sorted.fields.get(field) ?? []), file ? documentError(file.name, fe.message) : fe.message]);
    }
  }
  return sorted;
}

/** On a phone the first wrong field may be a screen away: bring it into view once it renders. */
export function scrollToFirstError() {
  setTimeout(
    () =>
      document.querySelector('.join-form .adm-form-item-feedback-error, .join-form .join-field-error')?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
    60,
  );
}
