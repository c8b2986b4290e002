import { Button, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useIsPhone } from '../../lib/use-is-phone';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../../shared/schemas/pairings';
import { CommitmentText } from '../../components/CommitmentText';
import { PairingSteps } from '../../components/PairingSteps';
import { PairingStatusTag } from '../../components/status-tags';
import type { ActionTarget } from './PairingActionModal';

type Props = { pairings: Pairing[]; loading: boolean; onOpen: (p: Pairing) => void; onAction: (a: ActionTarget) => void };

/** Pairings with the bureau's actions: approve / reject a claim, end an active one. */
export function PairingTable({ pairings, loading, onOpen, onAction }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<Pairing> = [
    {
      title: t('fields.village'),
      key: 'village',
      fixed: isPhone ? undefined : 'left',
      width: 120,
      render: (_, p) => (
        <>
          <Typography.Link strong onClick={() => onOpen(p)}>
            {p.villageName}
          </Typography.Link>
          {isPhone && (
            <div className="cell-sub">
              <PairingStatusTag status={p.status} /> {p.organizationName}
            </div>
          )}
        </>
      ),
    },
    { title: t('fields.organization'), dataIndex: 'organizationName', width: 230, responsive: ['md'] },
    { title: t('fields.status'), key: 'status', width: 90, responsive: ['md'], render: (_, p) => <PairingStatusTag status={p.status} /> },
    {
      title: t('pairings.period'),
      key: 'period',
      width: 200,
      responsive: ['md'],
      render: (_, p) =>
        p.status === 'pending'
          ? t('pairings.proposedStart', { date: p.proposedStartDate ?? t('pairings.notGiven') })
          : p.startDate && p.endDate
            ? t('pairings.periodRange', { start: p.startDate, end: p.endDate })
            : p.startDate
              ? t('pairings.since', { start: p.startDate })
              : '—',
    },
    { title: t('fields.commitment'), key: 'commitment', width: 200, responsive: ['lg'], render: (_, p) => <CommitmentText commitment={p.commitment} /> },
    { title: t('fields.activityCount'), dataIndex: 'activityCount', width: 90, align: 'right', responsive: ['lg'] },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      width: 170,
      render: (_, p) => (
        <Space size={0} wrap>
          {p.status === 'pending' && (
            <>
              <Button type="link" size="small" onClick={() => onAction({ pairing: p, kind: 'approve' })} data-testid="pairing-approve">
                {t('actions.approve')}
              </Button>
              <Button type="link" size="small" danger onClick={() => onAction({ pairing: p, kind: 'reject' })}>
                {t('actions.reject')}
              </Button>
            </>
          )}
          {p.status === 'active' && (
            <Button type="link" size="small" danger onClick={() => onAction({ pairing: p, kind: 'end' })}>
              {t('actions.end')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => onOpen(p)}>
            {t('actions.detail')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Table<Pairing>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={pairings}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="pairing-table"
      expandable={{
        expandedRowRender: (p) => (
          <div className="expanded-steps">
            <PairingSteps pairing={p} />
          </div>
        ),
      }}
      onRow={(p) => ({ 'data-village': p.villageName, 'data-status': p.status }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty description={t('pairings.empty')} /> }}
    />
  );
}
