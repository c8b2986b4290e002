import { Descriptions, Drawer, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../../shared/schemas/reports';
import { useReport, useReports } from '../../api/cockpit';
import { useTenantZone } from '../../lib/use-tenant-today';
import { useIsPhone } from '../../lib/use-is-phone';
import { zoneStamp } from '../../lib/weeks';
import { ErrorResult } from '../ErrorResult';
import { TimelinessTag } from './tags';

export type ReportTarget = { reportId: string | null; organizationName: string; weekStart: string; organizationId?: string };

/** One weekly report, read in full (the bureau from the compliance grid, an organization from its history). */
export function ReportDrawer({ target, onClose }: { target: ReportTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  // a grid cell names the organization and the week: its report is looked up by both
  const lookup = useReports({ organizationId: target?.organizationId, weekStart: target?.weekStart }, !!target && !target.reportId && !!target.organizationId);
  const found = lookup.data?.items.find((r) => r.weekStart === target?.weekStart && r.status === 'submitted');
  const report = useReport(target?.reportId ?? null);
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 640}
      title={target && t('reports.detailTitle', { org: target.organizationName, week: target.weekStart })}
      destroyOnHidden
    >
      {target && !target.reportId && target.organizationId ? (
        lookup.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : lookup.isError ? (
          <ErrorResult error={lookup.error} onRetry={() => void lookup.refetch()} />
        ) : found ? (
          <ReportBody report={found} />
        ) : (
          <Empty description={t('reports.notReported')} />
        )
      ) : !target?.reportId ? (
        <Empty description={t('reports.notReported')} />
      ) : report.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : report.isError ? (
        <ErrorResult error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportBody report={report.data} />
      )}
    </Drawer>
  );
}

export function ReportBody({ report }: { report: Report }) {
  const { t } = useTranslation();
  const zone = useTenantZone();
  return (
    <div data-testid="report-body">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('reports.organization')}>{report.organizationName}</Descriptions.Item>
        <Descriptions.Item label={t('reports.week')}>{report.weekStart}</Descriptions.Item>
        <Descriptions.Item label={t('reports.status')}>
          <TimelinessTag state={report.status === 'draft' ? 'draft' : (report.timeliness ?? 'onTime')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('reports.deadline')}>{zoneStamp(report.deadline, zone)}</Descriptions.Item>
        <Descriptions.Item label={t('reports.submittedAt')}>{report.submittedAt ? zoneStamp(report.submittedAt, zone) : '—'}</Descriptions.Item>
      </Descriptions>
      {(['summary', 'progress', 'results'] as const).map((k) => (
        <div key={k} className="report-section">
          <Typography.Title level={5}>{t(`reports.${k}`)}</Typography.Title>
          <Typography.Paragraph className="report-text">{report[k]}</Typography.Paragraph>
        </div>
      ))}
    </div>
  );
}
