import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import type { AuditEntity } from './AuditTimeline';

/** One audited value in words: money in ¥, statuses and needs translated, yes/no for flags. */
export function FieldValue({ entity, field, value }: { entity: AuditEntity; field: string; value: unknown }) {
  const { t, i18n } = useTranslation();
  const known = (key: string) => i18n.exists(key);
  const word = (key: string, fallback: string) => (known(key) ? t(key as 'app.name') : fallback);

  if (value === null || value === undefined || value === '') return <span className="muted">{t('audit.empty')}</span>;
  if (typeof value === 'boolean') return <>{t(value ? 'common.yes' : 'common.no')}</>;
  if (typeof value === 'number' && /Fen$/.test(field)) return <>{formatFen(value)}</>;
  if (field === 'status') {
    const ns = entity === 'pairing' ? 'pairingStatus' : entity === 'organization' ? 'orgStatus' : 'villageStatus';
    return <>{word(`${ns}.${String(value)}`, String(value))}</>;
  }
  if (field === 'kind') return <>{word(`orgKind.${String(value)}`, String(value))}</>;
  if (field === 'type') return <>{word(`activityType.${String(value)}`, String(value))}</>;
  if (Array.isArray(value)) {
    const parts = value.map((v) => (field === 'needs' ? word(`needs.${String(v)}`, String(v)) : String(v)));
    return <>{parts.length ? parts.join(t('audit.listSeparator')) : t('audit.empty')}</>;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
    return (
      <>
        {entries.map(([k, v], i) => (
          <span key={k}>
            {i > 0 && t('audit.separator')}
            {word(`fields.${k}`, k)}
            {t('audit.colon')}
            {typeof v === 'number' && /Fen$/.test(k) ? formatFen(v) : String(v)}
          </span>
        ))}
      </>
    );
  }
  return <>{String(value)}</>;
}
