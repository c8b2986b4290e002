import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatInstant } from '../../lib/dates';
import { ErrorResult } from '../ErrorResult';
import { changesOf } from './diff';
import { FieldValue } from './FieldValue';

export type AuditEntity = 'village' | 'organization' | 'pairing' | 'activity';

const ACTION_COLORS: Record<string, string> = { create: 'blue', claim: 'blue', approve: 'green', reject: 'red', suspend: 'red', end: 'gray' };

/** Who did what to one record, and when: GET /api/audit, oldest first, with the changed fields. */
export function AuditTimeline({ entity, id }: { entity: AuditEntity; id: string }) {
  const { t, i18n } = useTranslation();
  const audit = useQuery({
    queryKey: ['audit', entity, id],
    queryFn: () => call(api.audit.$get({ query: { entity, id, limit: '100' } })),
  });
  if (audit.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (audit.isError) return <ErrorResult error={audit.error} onRetry={() => void audit.refetch()} />;
  if (audit.data.items.length === 0) return <Empty description={t('audit.none')} />;

  const label = (key: string, fallback: string) => (i18n.exists(key) ? t(key as 'app.name') : fallback);
  return (
    <Timeline
      data-testid="audit-timeline"
      items={audit.data.items.map((e) => {
        const changes = e.action === 'create' || e.action === 'claim' ? [] : changesOf(e.before, e.after);
        return {
          key: e.id,
          color: ACTION_COLORS[e.action] ?? 'blue',
          content: (
            <div className="audit-event">
              <div className="audit-time">{formatInstant(e.at)}</div>
              <Typography.Text strong>{label(`auditAction.${e.action}`, e.action)}</Typography.Text>
              <Typography.Text type="secondary">{t('audit.by', { email: e.actor.email, role: label(`roles.${e.actor.role}`, e.actor.role) })}</Typography.Text>
              {changes.length > 0 && (
                <ul className="audit-changes">
                  {changes.map((c) => (
                    <li key={c.field}>
                      <span className="audit-field">{label(`fields.${c.field}`, c.field)}</span>
                      <FieldValue entity={entity} field={c.field} value={c.before} />
                      <span className="audit-arrow">→</span>
                      <FieldValue entity={entity} field={c.field} value={c.after} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
