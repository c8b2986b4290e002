import { Button, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Application } from '../../../../shared/schemas/accounts';
import { ApplicationStatusTag, OrgKindText } from '../../components/status-tags';
import { formatInstant } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';
import { useApprove } from './use-approve';

type Props = { applications: Application[]; loading: boolean; empty: string; onOpen: (id: string) => void; onReject: (a: Application) => void };

/** Applications, newest first, with approve (after a confirmation) and reject (with a reason). */
export function ApplicationTable({ applications, loading, empty, onOpen, onReject }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const approve = useApprove();

  const columns: ColumnsType<Application> = [
    {
      title: t('fields.orgName'),
      key: 'name',
      fixed: isPhone ? undefined : 'left',
      width: 220,
      render: (_, a) => (
        <>
          <Typography.Link strong onClick={() => onOpen(a.id)} data-testid="application-open">
            {a.name}
          </Typography.Link>
          <div className="cell-sub">
            <OrgKindText kind={a.kind} />
            {isPhone && (
              <>
                {' '}
                <ApplicationStatusTag status={a.status} />
              </>
            )}
          </div>
        </>
      ),
    },
    { title: t('fields.creditCode'), dataIndex: 'creditCode', width: 180, responsive: ['lg'], render: (c: string) => <span className="mono">{c}</span> },
    { title: t('applications.contact'), key: 'contact', width: 170, responsive: ['md'], render: (_, a) => `${a.contactName} ${a.contactPhone}` },
    {
      title: t('applications.villages'),
      key: 'villages',
      width: 160,
      responsive: ['xxl'],
      render: (_, a) =>
        a.villageIds.length === 0 ? (
          <span className="muted">{t('applications.villagesNone')}</span>
        ) : a.villages?.length ? (
          <Typography.Text ellipsis={{ tooltip: a.villages.map((v) => v.name).join(t('audit.listSeparator')) }} style={{ maxWidth: 150 }}>
            {a.villages.map((v) => v.name).join(t('audit.listSeparator'))}
          </Typography.Text>
        ) : (
          t('applications.villagesCount', { n: a.villageIds.length })
        ),
    },
    { title: t('applications.submittedAt'), key: 'createdAt', width: 140, responsive: ['md'], render: (_, a) => formatInstant(a.createdAt) },
    { title: t('fields.status'), key: 'status', width: 90, responsive: ['md'], render: (_, a) => <ApplicationStatusTag status={a.status} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      width: 160,
      render: (_, a) => (
        <Space size={0} wrap>
          {a.status === 'pending' && (
            <>
              <Popconfirm
                title={t('applications.approveConfirm', { name: a.name })}
                description={<div className="popconfirm-text">{t('applications.approveHint', { email: a.email })}</div>}
                okText={t('actions.approve')}
                onConfirm={() => approve(a)}
              >
                <Button type="link" size="small">
                  {t('actions.approve')}
                </Button>
              </Popconfirm>
              <Button type="link" size="small" danger onClick={() => onReject(a)}>
                {t('actions.reject')}
              </Button>
            </>
          )}
          <Button type="link" size="small" onClick={() => onOpen(a.id)}>
            {t('actions.detail')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Table<Application>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={applications}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={empty} /> }}
    />
  );
}
