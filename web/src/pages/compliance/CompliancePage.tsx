import { Alert, Card, DatePicker, Empty, Flex, Select, Skeleton, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ComplianceEntry, ComplianceGrid, QuarterVisits, Timeliness } from '../../../../shared/schemas/reports';
import { useCompliance, useComplianceGrid, useQuarterVisits } from '../../api/cockpit';
import { ReportDrawer, type ReportTarget } from '../../components/cockpit/ReportDrawer';
import { TimelinessTag } from '../../components/cockpit/tags';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useIsPhone } from '../../lib/use-is-phone';
import { useTenantToday, useTenantZone } from '../../lib/use-tenant-today';
import { mondayOf, previousQuarter, quarterOf, recentQuarters, shortWeek, zoneStamp } from '../../lib/weeks';
import { VisitTeamSizeSetting } from './VisitTeamSizeSetting';

const TABS = ['grid', 'week', 'visits'] as const;
type Tab = (typeof TABS)[number];

/** The bureau's view of rules 3, 4 and 10: who reported which week, and which pairings made no visit. */
export default function CompliancePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'grid';
  const [open, setOpen] = useState<ReportTarget | null>(null);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader title={t('compliance.title')} subtitle={t('compliance.subtitle')} />
      <Card className="table-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k })}
          items={[
            {
              key: 'grid',
              label: t('compliance.gridTab'),
              children: <GridTab to={params.get('to') ?? undefined} onTo={(to) => set({ to })} onOpen={setOpen} />,
            },
            {
              key: 'week',
              label: t('compliance.weekTab'),
              children: <WeekTab week={params.get('week') ?? undefined} onWeek={(week) => set({ week })} onOpen={setOpen} />,
            },
            {
              key: 'visits',
              label: t('compliance.visitsTab'),
              children: <VisitsTab quarter={params.get('quarter') ?? undefined} onQuarter={(quarter) => set({ quarter })} />,
            },
          ]}
        />
      </Card>
      <ReportDrawer target={open} onClose={() => setOpen(null)} />
    </>
  );
}

function WeekPicker({ value, onChange, testId }: { value: string | undefined; onChange: (w: string | undefined) => void; testId: string }) {
  const today = useTenantToday().format('YYYY-MM-DD');
  const thisMonday = mondayOf(today);
  return (
    <DatePicker
      data-testid={testId}
      value={value ? dayjs(value) : null}
      placeholder={value ?? ''}
      disabledDate={(d) => d.day() !== 1 || d.format('YYYY-MM-DD') > thisMonday}
      onChange={(d) => onChange(d ? mondayOf(d.format('YYYY-MM-DD')) : undefined)}
    />
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {(['onTime', 'late', 'missing', 'pending'] as const).map((s) => (
        <TimelinessTag key={s} state={s} />
      ))}
      <Tag>{t('timeliness.none')}</Tag>
    </Space>
  );
}

type GridRow = ComplianceGrid['rows'][number];

function GridTab({ to, onTo, onOpen }: { to: string | undefined; onTo: (w: string | undefined) => void; onOpen: (r: ReportTarget) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const zone = useTenantZone();
  const grid = useComplianceGrid(to, isPhone ? 4 : 8);
  const cell = (row: GridRow, i: number, status: Timeliness | null) => {
    const week = grid.data?.weeks[i];
    if (!week) return null;
    const label = status ? t(`timeliness.${status}`) : t('timeliness.none');
    return (
      <Tooltip title={t('compliance.cellTitle', { org: row.organizationName, week: week.weekStart, status: label })}>
        <button
          type="button"
          className={`grid-cell grid-${status ?? 'none'}`}
          data-testid="grid-cell"
          data-state={status ?? 'none'}
          disabled={!status}
          onClick={() => onOpen({ reportId: null, organizationId: row.organizationId, organizationName: row.organizationName, weekStart: week.weekStart })}
        >
          {status ? (isPhone ? t(`timelinessShort.${status}`) : label) : '·'}
        </button>
      </Tooltip>
    );
  };
  return (
    <>
      <Flex className="filter-bar" gap={12} wrap align="center" justify="space-between">
        <Space wrap>
          <Typography.Text type="secondary">{t('compliance.toWeek')}</Typography.Text>
          <WeekPicker value={to ?? grid.data?.weeks[grid.data.weeks.length - 1]?.weekStart} onChange={onTo} testId="grid-week" />
        </Space>
        <Legend />
      </Flex>
      {grid.isError ? (
        <ErrorResult error={grid.error} onRetry={() => void grid.refetch()} />
      ) : grid.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : grid.data.rows.length === 0 ? (
        <Empty description={t('compliance.empty')} />
      ) : (
        <Table<GridRow>
          data-testid="compliance-grid"
          rowKey="organizationId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...grid.data.rows].sort((a, b) => b.missedStreak - a.missedStreak || a.organizationName.localeCompare(b.organizationName, 'zh-CN'))}
          columns={[
            {
              title: t('compliance.organization'),
              dataIndex: 'organizationName',
              fixed: 'left',
              width: isPhone ? 120 : 240,
              render: (name: string) => (
                <Typography.Text ellipsis={{ tooltip: name }} style={{ maxWidth: isPhone ? 110 : 230 }}>
                  {name}
                </Typography.Text>
              ),
            },
            ...grid.data.weeks.map((w, i) => ({
              key: w.weekStart,
              align: 'center' as const,
              title: (
                <Tooltip title={w.due ? t('compliance.due', { at: zoneStamp(w.deadline, zone) }) : t('compliance.notDue', { at: zoneStamp(w.deadline, zone) })}>
                  <span className={w.due ? '' : 'muted'}>{shortWeek(w.weekStart)}</span>
                </Tooltip>
              ),
              render: (_: unknown, row: GridRow) => cell(row, i, row.cells[i] ?? null),
            })),
            {
              title: t('compliance.streak'),
              dataIndex: 'missedStreak',
              align: 'center' as const,
              render: (n: number) => (n > 0 ? <Tag color={n >= 4 ? 'red' : n >= 2 ? 'orange' : 'gold'}>{t('compliance.streakN', { n })}</Tag> : '—'),
            },
          ]}
        />
      )}
    </>
  );
}

function WeekTab({ week, onWeek, onOpen }: { week: string | undefined; onWeek: (w: string | undefined) => void; onOpen: (r: ReportTarget) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const zone = useTenantZone();
  const compliance = useCompliance(week);
  const order: Record<Timeliness, number> = { missing: 0, late: 1, pending: 2, onTime: 3 };
  return (
    <>
      <Flex className="filter-bar" gap={12} wrap align="center">
        <Typography.Text type="secondary">{t('reports.week')}</Typography.Text>
        <WeekPicker value={week ?? compliance.data?.weekStart} onChange={onWeek} testId="compliance-week" />
        {compliance.data && (
          <Typography.Text type="secondary">
            {compliance.data.due
              ? t('compliance.due', { at: zoneStamp(compliance.data.deadline, zone) })
              : t('compliance.notDue', { at: zoneStamp(compliance.data.deadline, zone) })}
          </Typography.Text>
        )}
      </Flex>
      {compliance.isError ? (
        <ErrorResult error={compliance.error} onRetry={() => void compliance.refetch()} />
      ) : compliance.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Alert
            className="page-alert"
            type={compliance.data.counts.missing > 0 ? 'warning' : 'success'}
            showIcon
            title={t('compliance.counts', compliance.data.counts)}
            data-testid="compliance-counts"
          />
          <Table<ComplianceEntry>
            rowKey="organizationId"
            size="small"
            pagination={false}
            scroll={isPhone ? undefined : { x: 'max-content' }}
            locale={{ emptyText: t('compliance.empty') }}
            dataSource={[...compliance.data.items].sort((a, b) => order[a.status] - order[b.status])}
            onRow={(r) => ({
              onClick: () => onOpen({ reportId: r.reportId, organizationName: r.organizationName, weekStart: compliance.data.weekStart }),
              style: { cursor: 'pointer' },
            })}
            columns={
              isPhone
                ? [
                    {
                      title: t('compliance.organization'),
                      key: 'org',
                      render: (_: unknown, r: ComplianceEntry) => (
                        <>
                          <div>{r.organizationName}</div>
                          {(r.submittedAt || r.missedStreak > 0) && (
                            <div className="cell-sub">
                              {r.submittedAt
                                ? `${t('reports.submittedAt')} ${zoneStamp(r.submittedAt, zone)}`
                                : `${t('compliance.streak')} ${t('compliance.streakN', { n: r.missedStreak })}`}
                            </div>
                          )}
                        </>
                      ),
                    },
                    { title: t('reports.status'), dataIndex: 'status', width: 72, render: (s: Timeliness) => <TimelinessTag state={s} /> },
                  ]
                : [
                    { title: t('compliance.organization'), dataIndex: 'organizationName' },
                    { title: t('reports.status'), dataIndex: 'status', render: (s: Timeliness) => <TimelinessTag state={s} /> },
                    { title: t('reports.submittedAt'), dataIndex: 'submittedAt', render: (s: string | null) => (s ? zoneStamp(s, zone) : '—') },
                    {
                      title: t('compliance.streak'),
                      dataIndex: 'missedStreak',
                      render: (n: number) => (n > 0 ? <Tag color={n >= 4 ? 'red' : n >= 2 ? 'orange' : 'gold'}>{t('compliance.streakN', { n })}</Tag> : '—'),
                    },
                  ]
            }
          />
        </>
      )}
    </>
  );
}

type VisitRow = QuarterVisits['items'][number];

function VisitsTab({ quarter, onQuarter }: { quarter: string | undefined; onQuarter: (q: string | undefined) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const today = useTenantToday().format('YYYY-MM-DD');
  const current = quarterOf(today);
  const visits = useQuarterVisits(quarter);
  const shown = quarter ?? visits.data?.quarter ?? previousQuarter(current);
  return (
    <>
      <Flex className="filter-bar" gap={12} wrap align="center">
        <Typography.Text type="secondary">{t('visits.quarter')}</Typography.Text>
        <Select
          data-testid="visits-quarter"
          style={{ width: 140 }}
          value={shown}
          options={recentQuarters(current, 8).map((q) => ({ value: q, label: q }))}
          onChange={(q) => onQuarter(q)}
        />
        {visits.data && (
          <Typography.Text type="secondary">
            {visits.data.closed ? t('visits.closed') : t('visits.open', { from: visits.data.from, to: visits.data.to })}
          </Typography.Text>
        )}
      </Flex>
      <VisitTeamSizeSetting />
      {visits.isError ? (
        <ErrorResult error={visits.error} onRetry={() => void visits.refetch()} />
      ) : visits.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Alert
            className="page-alert"
            showIcon
            type={visits.data.flagged > 0 ? 'warning' : 'success'}
            title={visits.data.flagged > 0 ? t('visits.flaggedCount', { n: visits.data.flagged }) : t('visits.noneFlagged')}
          />
          <Table<VisitRow>
            rowKey="pairingId"
            size="small"
            pagination={false}
            scroll={isPhone ? undefined : { x: 'max-content' }}
            locale={{ emptyText: t('visits.empty') }}
            rowClassName={(r) => (r.flagged ? 'row-flagged' : '')}
            dataSource={[...visits.data.items].sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.villageName.localeCompare(b.villageName, 'zh-CN'))}
            columns={
              isPhone
                ? [
                    {
                      title: `${t('visits.village')} · ${t('visits.organization')}`,
                      key: 'who',
                      render: (_: unknown, r: VisitRow) => (
                        <>
                          <div>
                            <b>{r.villageName}</b> · {r.organizationName}
                          </div>
                          <div className="cell-sub">
                            {t('visits.visitCount')} {r.visits} · {t('visits.lastVisit')} {r.lastVisitOn ?? '—'}
                          </div>
                        </>
                      ),
                    },
                    {
                      title: t('reports.status'),
                      dataIndex: 'flagged',
                      width: 84,
                      render: (f: boolean, r: VisitRow) =>
                        f ? (
                          <Tag color="red">{t(r.reason === 'small_team' ? 'visits.smallTeam' : 'visits.flag')}</Tag>
                        ) : (
                          <Tag color="green">{t('visits.ok')}</Tag>
                        ),
                    },
                  ]
                : [
                    { title: t('visits.village'), dataIndex: 'villageName' },
                    { title: t('visits.organization'), dataIndex: 'organizationName' },
                    { title: t('visits.visitCount'), dataIndex: 'visits', align: 'right' },
                    { title: t('visits.lastVisit'), dataIndex: 'lastVisitOn', render: (d: string | null) => d ?? '—' },
                    { title: t('visits.largestTeam'), dataIndex: 'largestTeam', align: 'right', render: (n: number | null) => n ?? '—' },
                    {
                      title: t('reports.status'),
                      dataIndex: 'flagged',
                      render: (f: boolean, r: VisitRow) =>
                        f ? (
                          <Tag color="red">{t(r.reason === 'small_team' ? 'visits.smallTeam' : 'visits.flag')}</Tag>
                        ) : (
                          <Tag color="green">{t('visits.ok')}</Tag>
                        ),
                    },
                  ]
            }
          />
        </>
      )}
    </>
  );
}
