import type { TFunction } from 'i18next';
import { IDENTITY_FIELDS, type OrganizationChange } from '../../../../shared/schemas/organizations';

const LABEL = { name: 'fields.orgName', kind: 'fields.kind', creditCode: 'fields.creditCode' } as const;

/** One line per changed field of a request: 「名称 A → B」. */
export function changeLines(change: Pick<OrganizationChange, 'before' | 'after'>, t: TFunction): string[] {
  const value = (f: (typeof IDENTITY_FIELDS)[number], v: string | undefined) => (f === 'kind' && v ? t(`orgKind.${v}` as 'orgKind.enterprise') : (v ?? ''));
  return IDENTITY_FIELDS.filter((f) => change.after[f] !== undefined).map((f) =>
    t('orgChanges.fieldChange', { field: t(LABEL[f]), before: value(f, change.before[f]), after: value(f, change.after[f]) }),
  );
}
