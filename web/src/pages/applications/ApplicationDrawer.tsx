import { Button, Descriptions, Drawer, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Application } from '../../../../shared/schemas/accounts';
import { useApplication } from '../../api/applications';
import { ErrorResult } from '../../components/ErrorResult';
import { ApplicationStatusTag, OrgKindText } from '../../components/status-tags';
import { formatInstant } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';
import { DocumentList } from './DocumentList';
import { useApprove } from './use-approve';

/** One application whole: what the organization said, the villages it named, its documents, and the decision. */
export function ApplicationDrawer({ id, onClose, onReject }: { id: string | null; onClose: () => void; onReject: (a: Application) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const app = useApplication(id);
  const approve = useApprove();
  const a = app.data;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={a ? a.name : t('applications.detailTitle')}
      extra={a && <ApplicationStatusTag status={a.status} />}
      footer={
        a?.status === 'pending' && (
          <div className="drawer-footer">
            <Button danger onClick={() => onReject(a)} data-testid="application-reject">
              {t('actions.reject')}
            </Button>
            <Popconfirm
              title={t('applications.approveConfirm', { name: a.name })}
              description={<div className="popconfirm-text">{t('applications.approveHint', { email: a.email })}</div>}
              okText={t('actions.approve')}
              onConfirm={() => approve(a)}
            >
              <Button type="primary" data-testid="application-approve">
                {t('actions.approve')}
              </Button>
            </Popconfirm>
          </div>
        )
      }
    >
      {app.isPending && id !== null && <Skeleton active paragraph={{ rows: 10 }} />}
      {app.isError && <ErrorResult error={app.error} onRetry={() => void app.refetch()} />}
      {a && (
        <div data-testid="application-detail">
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('fields.orgName')} span="filled">
              {a.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.kind')}>
              <OrgKindText kind={a.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.creditCode')}>
              <span className="mono">{a.creditCode}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('applications.contact')}>{a.contactName}</Descriptions.Item>
            <Descriptions.Item label={t('applications.contactPhone')}>{a.contactPhone}</Descriptions.Item>
            <Descriptions.Item label={t('applications.email')} span="filled">
              <Typography.Text copyable>{a.email}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('applications.submittedAt')} span={a.decidedAt ? 1 : 'filled'}>
              {formatInstant(a.createdAt)}
            </Descriptions.Item>
            {a.decidedAt && <Descriptions.Item label={t('applications.decidedAt')}>{formatInstant(a.decidedAt)}</Descriptions.Item>}
            {a.decidedBy && (
              <Descriptions.Item label={t('applications.decidedBy')} span="filled">
                {a.decidedBy}
              </Descriptions.Item>
            )}
            {a.reason && (
              <Descriptions.Item label={t('applications.reason')} span="filled">
                <span className="report-text">{a.reason}</span>
              </Descriptions.Item>
            )}
            {a.organizationId && (
              <Descriptions.Item label={t('applications.organization')} span="filled">
                <Link to="/organizations?status=approved">{t('applications.organizationOpen')}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>

          <Typography.Title level={5} className="drawer-section">
            {t('applications.villages')}
          </Typography.Title>
          {a.villages?.length || a.villageIds.length ? (
            <div className="tag-row application-villages">
              {(a.villages ?? a.villageIds.map((v) => ({ id: v, name: v }))).map((v) => (
                <Tag key={v.id} color="blue" variant="filled">
                  {v.name}
                </Tag>
              ))}
            </div>
          ) : (
            <span className="muted">{t('applications.villagesNone')}</span>
          )}

          {a.description && (
            <>
              <Typography.Title level={5} className="drawer-section">
                {t('applications.description')}
              </Typography.Title>
              <Typography.Paragraph className="report-text">{a.description}</Typography.Paragraph>
            </>
          )}

          <Typography.Title level={5} className="drawer-section">
            {t('applications.documents')}
          </Typography.Title>
          <DocumentList documents={a.documents} />
        </div>
      )}
    </Drawer>
  );
}
