import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payout } from '../../../../shared/schemas/settlements';
import { useIsPhone } from '../../lib/use-is-phone';
import { Money } from '../Money';
import { EvidenceLink } from './EvidenceLink';

function MethodTag({ method }: { method: Payout['method'] }) {
  const { t } = useTranslation();
  return <Tag color={method === 'stripe_transfer' ? 'purple' : 'blue'}>{t(`payoutMethod.${method}`)}</Tag>;
}

/**
 * Payouts (结算付款), newest first: when, to whom, how much, how, the reference and the slip. On a
 * phone the amount, method and reference ride under the date.
 */
export function PayoutTable({ payouts, loading, bureau }: { payouts: Payout[]; loading: boolean; bureau: boolean }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<Payout> = [
    {
      title: t('settlement.col.date'),
      dataIndex: 'date',
      width: 110,
      render: (date: string, p) => (
        <>
          {date}
          {isPhone && (
            <div className="cell-sub">
              <b>
                <Money fen={p.amountFen} />
              </b>{' '}
              <MethodTag method={p.method} />
              <div className="mono">{p.reference}</div>
            </div>
          )}
        </>
      ),
    },
    ...(bureau ? [{ title: t('settlement.col.organization'), dataIndex: 'organizationName' } as const] : []),
    {
      title: t('settlement.col.amount'),
      dataIndex: 'amountFen',
      width: 120,
      align: 'right',
      responsive: ['md'],
      render: (fen: number) => (
        <b>
          <Money fen={fen} />
        </b>
      ),
    },
    { title: t('settlement.col.method'), dataIndex: 'method', width: 110, responsive: ['md'], render: (m: Payout['method']) => <MethodTag method={m} /> },
    {
      title: t('settlement.col.reference'),
      dataIndex: 'reference',
      responsive: ['md'],
      render: (r: string, p) => (
        <>
          <Typography.Text className="mono nowrap" copyable={{ text: r }}>
            {r}
          </Typography.Text>
          {p.note && <div className="cell-sub">{p.note}</div>}
        </>
      ),
    },
    { title: t('settlement.col.month'), dataIndex: 'month', width: 100, responsive: ['lg'] },
    {
      title: t('fields.status'),
      dataIndex: 'status',
      width: 90,
      responsive: ['md'],
      render: (s: Payout['status']) => <Tag color={s === 'paid' ? 'green' : 'gold'}>{t(`payoutStatus.${s}`)}</Tag>,
    },
    { title: t('settlement.evidence'), key: 'evidence', width: 120, render: (_, p) => <EvidenceLink payout={p} canAttach={bureau} /> },
  ];
  return (
    <Table<Payout>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={payouts}
      loading={loading}
      pagination={false}
      scroll={isPhone ? undefined : { x: 'max-content' }}
      data-testid="payout-table"
      onRow={(p) => ({ 'data-payout': p.id, 'data-organization': p.organizationName }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settlement.noPayouts')} /> }}
    />
  );
}
