import { ExportOutlined, LinkOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { APPLICATION_STATUSES, type Application } from '../../../../shared/schemas/accounts';
import { useApplications, type ApplicationStatus } from '../../api/applications';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { ApplicationDrawer } from './ApplicationDrawer';
import { ApplicationTable } from './ApplicationTable';
import { RejectModal } from './RejectModal';

/** 入驻申请: organizations that applied through the public link, reviewed by the bureau. */
export default function ApplicationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = (APPLICATION_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as ApplicationStatus) : undefined;
  const apps = useApplications(status);
  // the open application lives in the URL: the bell's "new application" links to ?open=<id>
  const openId = params.get('open');
  const setOpenId = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('open', id);
    else next.delete('open');
    setParams(next, { replace: !id });
  };
  const [rejecting, setRejecting] = useState<Application | null>(null);
  const joinUrl = me.tenant ? `${window.location.origin}/join/${me.tenant.slug}` : null;

  return (
    <>
      <PageHeader title={t('applications.title')} subtitle={t('applications.subtitle')} />
      {joinUrl && (
        <Card size="small" className="join-link-card">
          <Flex align="center" gap={10} wrap>
            <LinkOutlined className="join-link-icon" />
            <Typography.Text strong>{t('applications.joinLink')}</Typography.Text>
            <Typography.Text copyable={{ text: joinUrl }} className="mono join-link-url" data-testid="join-link">
              {joinUrl}
            </Typography.Text>
            <Typography.Link href={joinUrl} target="_blank" rel="noopener" aria-label={t('applications.joinLink')}>
              <ExportOutlined />
            </Typography.Link>
            <Typography.Text type="secondary" className="join-link-hint">
              {t('applications.joinLinkHint')}
            </Typography.Text>
          </Flex>
        </Card>
      )}
      <Card className="table-card">
        <div className="filter-bar">
          <StatusFilter<ApplicationStatus>
            statuses={APPLICATION_STATUSES}
            value={status}
            label={(s) => t(`applicationStatus.${s}`)}
            onChange={(s) => {
              const next = new URLSearchParams(params);
              if (s) next.set('status', s);
              else next.delete('status');
              setParams(next, { replace: true });
            }}
          />
        </div>
        {apps.isError ? (
          <ErrorResult error={apps.error} onRetry={() => void apps.refetch()} />
        ) : (
          <>
            <ApplicationTable
              applications={apps.items}
              loading={apps.isPending}
              empty={status === 'pending' ? t('applications.emptyPending') : t('applications.empty')}
              onOpen={setOpenId}
              onReject={setRejecting}
            />
            <LoadMore hasMore={apps.hasNextPage} loading={apps.isFetchingNextPage} onMore={() => void apps.fetchNextPage()} shown={apps.items.length} />
          </>
        )}
      </Card>
      <ApplicationDrawer id={openId} onClose={() => setOpenId(null)} onReject={setRejecting} />
      <RejectModal application={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}
