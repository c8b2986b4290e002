import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../shared/schemas/audit';
import { changesOf } from '../../components/audit/diff';
import { FieldValue } from '../../components/audit/FieldValue';
import type { AuditEntity } from '../../components/audit/AuditTimeline';
import { zoneStamp } from '../../lib/weeks';

/** Where each record type's statuses are named. */
const STATUS_WORDS: Record<string, string> = {
  order: 'orderStatus',
  donation: 'donations.statuses',
  concern: 'concerns.statuses',
  produce: 'produceStatus',
  need: 'needStatus',
  application: 'applicationStatus',
  payout: 'payoutStatus',
  user: 'userStatus',
  pairing: 'pairingStatus',
  organization: 'orgStatus',
  village: 'villageStatus',
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A nested value (an order's lines, a parcel) in one short line: the log is not the record's page. */
function Nested({ value }: { value: unknown }) {
  const text = JSON.stringify(value);
  return <code style={{ fontSize: 12, color: '#475569', wordBreak: 'break-all' }}>{text.length > 160 ? `${text.slice(0, 160)}…` : text}</code>;
}

const isObject = (x: unknown) => x !== null && typeof x === 'object';
// a list of words (needs, village ids) reads as words; anything with structure (a buyer, lines) as JSON
const nested = (v: unknown) => isObject(v) && !(Array.isArray(v) && !v.some(isObject));

/** What one event changed, field by field (a create: what it set), times in the tenant's zone. */
export function EventChanges({ event, zone }: { event: AuditEvent; zone: string }) {
  const { t, i18n } = useTranslation();
  const changes = changesOf(event.before, event.after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('auditLog.noChanges')}</Typography.Text>;
  const word = (keys: string[], fallback: string) => {
    const key = keys.find((k) => i18n.exists(k));
    return key ? t(key as 'app.name') : fallback;
  };
  const label = (field: string) => word([`auditLog.fields.${field}`, `fields.${field}`], field);
  const value = (field: string, v: unknown) => {
    if (typeof v === 'string' && (field === 'status' || field === 'statusBefore') && STATUS_WORDS[event.entity])
      return <>{word([`${STATUS_WORDS[event.entity]}.${v}`], v)}</>;
    if (typeof v === 'string' && INSTANT.test(v)) return <>{zoneStamp(v, zone)}</>;
    if (nested(v)) return <Nested value={v} />;
    return <FieldValue entity={event.entity as AuditEntity} field={field} value={v} />;
  };
  return (
    <ul className="audit-changes" data-testid="audit-event-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="audit-field">{label(c.field)}</span>
          {event.before !== null && (
            <>
              {value(c.field, c.before)}
              <span className="audit-arrow">→</span>
            </>
          )}
          {value(c.field, c.after)}
        </li>
      ))}
    </ul>
  );
}
