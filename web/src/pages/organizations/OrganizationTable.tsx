import { App, Button, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useIsPhone } from '../../lib/use-is-phone';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/schemas/organizations';
import { useDescribeError } from '../../api/describe';
import { OrgKindText, OrgStatusTag } from '../../components/status-tags';
import { useReviewOrganization } from '../../api/organizations';
import type { ReviewTarget } from './ReviewModal';

type Props = { orgs: Organization[]; loading: boolean; onOpen: (id: string) => void; onReview: (t: ReviewTarget) => void };

/** Organizations with their review actions: approve after a confirmation, reject/suspend with a reason. */
export function OrganizationTable({ orgs, loading, onOpen, onReview }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const review = useReviewOrganization();

  const approve = async (org: Organization) => {
    try {
      await review.mutateAsync({ id: org.id, action: 'approve' });
      message.success(t('organizations.approved'));
    } catch (e) {
      message.error(describe(e));
    }
  };

  const columns: ColumnsType<Organization> = [
    {
      title: t('fields.orgName'),
      key: 'name',
      fixed: isPhone ? undefined : 'left',
      width: 220,
      render: (_, o) => (
        <>
          <Typography.Link strong onClick={() => onOpen(o.id)}>
            {o.name}
          </Typography.Link>
          {isPhone && (
            <div className="cell-sub">
              <OrgStatusTag status={o.status} />
            </div>
          )}
        </>
      ),
    },
    { title: t('fields.kind'), key: 'kind', width: 110, render: (_, o) => <OrgKindText kind={o.kind} />, responsive: ['md'] },
    { title: t('fields.creditCode'), dataIndex: 'creditCode', width: 190, responsive: ['lg'], render: (c: string) => <span className="mono">{c}</span> },
    { title: t('fields.contactName'), key: 'contact', width: 170, responsive: ['md'], render: (_, o) => `${o.contactName} ${o.contactPhone}` },
    { title: t('fields.activePairings'), dataIndex: 'activePairings', width: 100, align: 'right', responsive: ['md'] },
    { title: t('fields.status'), key: 'status', width: 90, responsive: ['md'], render: (_, o) => <OrgStatusTag status={o.status} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      width: 170,
      render: (_, o) => (
        <Space size={0} wrap>
          {(o.status === 'pending' || o.status === 'suspended') && (
            <Popconfirm
              title={t('organizations.approveConfirm', { name: o.name })}
              description={t('organizations.approveHint')}
              okText={t('actions.approve')}
              onConfirm={() => approve(o)}
            >
              <Button type="link" size="small">
                {t('actions.approve')}
              </Button>
            </Popconfirm>
          )}
          {o.status === 'pending' && (
            <Button type="link" size="small" danger onClick={() => onReview({ org: o, action: 'reject' })}>
              {t('actions.reject')}
            </Button>
          )}
          {o.status === 'approved' && (
            <Button type="link" size="small" danger onClick={() => onReview({ org: o, action: 'suspend' })}>
              {t('actions.suspend')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => onOpen(o.id)}>
            {t('actions.detail')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Table<Organization>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={orgs}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('organizations.empty')} /> }}
    />
  );
}
