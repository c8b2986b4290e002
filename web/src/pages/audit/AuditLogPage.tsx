import { Card, DatePicker, Empty, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AUDITED_ENTITIES, PAYMENT_PROVIDER_ACTOR_ID, PUBLIC_ACTOR_ID, type AuditedEntity, type AuditEvent } from '../../../../shared/schemas/audit';
import { useUsers } from '../../api/accounts';
import { useTenantZone } from '../../lib/use-tenant-today';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { toIsoDate } from '../../lib/dates';
import { zoneStamp } from '../../lib/weeks';
import { EventChanges } from './EventChanges';
import { useAuditLog } from './use-audit-log';

/** Where a record of each type is seen: the record itself where a page opens it, else its list. */
const RECORD_PAGE: Partial<Record<AuditedEntity, (id: string) => string>> = {
  village: (id) => `/villages?village=${encodeURIComponent(id)}`,
  application: (id) => `/applications?open=${encodeURIComponent(id)}`,
  organization: () => '/organizations',
  pairing: () => '/pairings',
  activity: () => '/pairings',
  user: () => '/users',
  produce: () => '/produce',
  order: () => '/orders',
  commitment: () => '/commitments',
  donation: () => '/donations',
  expenditure: () => '/expenditures',
  concern: () => '/concerns',
  report: () => '/compliance',
  need: () => '/needs',
  payout: () => '/settlements',
};

const isEntity = (v: string | null): v is AuditedEntity => (AUDITED_ENTITIES as readonly string[]).includes(v ?? '');

/** The bureau's audit log (操作日志): every change in the tenant, by actor, record type and date range. */
export default function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const zone = useTenantZone();
  const [params, setParams] = useSearchParams();
  const filters = {
    actor: params.get('actor') ?? undefined,
    entity: isEntity(params.get('entity')) ? (params.get('entity') as AuditedEntity) : undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const log = useAuditLog(filters);
  const users = useUsers({});
  const filtered = Object.values(filters).some(Boolean);

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  const actionLabel = (e: AuditEvent) => {
    for (const key of [`auditLog.actions.${e.action}`, `auditAction.${e.action}`]) if (i18n.exists(key)) return t(key as 'app.name');
    return e.action;
  };
  const roleLabel = (role: string) => (i18n.exists(`roles.${role}`) ? t(`roles.${role}` as 'app.name') : role);

  const actorCell = (e: AuditEvent) => {
    if (e.actor.id === PUBLIC_ACTOR_ID)
      return (
        <Tooltip title={t('auditLog.publicHint')}>
          <Tag color="orange">{t('auditLog.public')}</Tag>
        </Tooltip>
      );
    if (e.actor.id === PAYMENT_PROVIDER_ACTOR_ID)
      return (
        <div>
          <Tag color="purple">{t('auditLog.paymentProvider')}</Tag>
          {e.actor.eventId && <div className="muted audit-time">{t('auditLog.paymentEvent', { id: e.actor.eventId })}</div>}
        </div>
      );
    return (
      <div>
        <div>{e.actor.email || e.actor.id}</div>
        <div className="muted audit-time">{roleLabel(e.actor.role)}</div>
      </div>
    );
  };

  const columns: ColumnsType<AuditEvent> = [
    { title: t('auditLog.time'), dataIndex: 'at', width: 150, render: (at: string) => zoneStamp(at, zone) },
    { title: t('auditLog.actor'), key: 'actor', width: 230, render: (_, e) => actorCell(e) },
    { title: t('auditLog.action'), key: 'action', width: 150, render: (_, e) => <Typography.Text strong>{actionLabel(e)}</Typography.Text> },
    {
      title: t('auditLog.entity'),
      key: 'entity',
      render: (_, e) => {
        const page = RECORD_PAGE[e.entity as AuditedEntity];
        return (
          <Flex gap={8} align="center" wrap>
            <Tag>{i18n.exists(`auditLog.entities.${e.entity}`) ? t(`auditLog.entities.${e.entity}` as 'app.name') : e.entity}</Tag>
            <Typography.Text type="secondary" copyable={{ text: e.entityId }} className="audit-time">
              {e.entityId}
            </Typography.Text>
            {page && <Link to={page(e.entityId)}>{t('auditLog.openRecord')}</Link>}
          </Flex>
        );
      },
    },
  ];

  const actorOptions = [
    { value: PUBLIC_ACTOR_ID, label: t('auditLog.public') },
    { value: PAYMENT_PROVIDER_ACTOR_ID, label: t('auditLog.paymentProvider') },
    ...users.items.filter((u) => u.status !== 'invited').map((u) => ({ value: u.id, label: `${u.email}（${roleLabel(u.role)}）` })),
  ];

  return (
    <>
      <PageHeader title={t('auditLog.title')} subtitle={t('auditLog.subtitle')} />
      <Card className="table-card">
        <Flex wrap gap={12} align="center" className="filter-bar">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('auditLog.allActors')}
            value={filters.actor}
            onChange={(v?: string) => update({ actor: v })}
            options={actorOptions}
            loading={users.isPending}
            style={{ minWidth: 240 }}
            data-testid="audit-actor-filter"
          />
          <Select
            allowClear
            placeholder={t('auditLog.allEntities')}
            value={filters.entity}
            onChange={(v?: string) => update({ entity: v })}
            options={AUDITED_ENTITIES.map((e) => ({ value: e, label: t(`auditLog.entities.${e}`) }))}
            style={{ minWidth: 160 }}
            data-testid="audit-entity-filter"
          />
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => update({ from: toIsoDate(r?.[0]), to: toIsoDate(r?.[1]) })}
            allowEmpty={[true, true]}
            data-testid="audit-range"
          />
          <Typography.Text type="secondary">{t('auditLog.timeZone', { zone })}</Typography.Text>
        </Flex>
        {log.isError ? (
          <ErrorResult error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <>
            <Table<AuditEvent>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={log.items}
              loading={log.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (e) => <EventChanges event={e} zone={zone} /> }}
              locale={{ emptyText: <Empty description={t(filtered ? 'auditLog.empty' : 'auditLog.emptyAll')} /> }}
              data-testid="audit-log-table"
            />
            <LoadMore hasMore={!!log.hasNextPage} loading={log.isFetchingNextPage} onMore={() => void log.fetchNextPage()} shown={log.items.length} />
          </>
        )}
      </Card>
    </>
  );
}
