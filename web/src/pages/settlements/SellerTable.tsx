import { CheckCircleFilled, PayCircleOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settlement, Settlements } from '../../../../shared/schemas/settlements';
import { Money } from '../../components/Money';
import { VillageFigures } from '../../components/settlement/VillageFigures';
import { useIsPhone } from '../../lib/use-is-phone';

type Fig = 'grossFen' | 'refundsFen' | 'feesFen' | 'payableFen' | 'paidOutFen';
const FIGURES: Fig[] = ['grossFen', 'refundsFen', 'feesFen', 'payableFen', 'paidOutFen'];

/** 未付: red while owed, a green tick once settled, orange when a later refund left the seller overpaid. */
function Owed({ fen, payable }: { fen: number; payable: number }) {
  const { t } = useTranslation();
  if (fen > 0)
    return (
      <b className="owed-due">
        <Money fen={fen} />
      </b>
    );
  if (fen < 0)
    return (
      <span className="owed-over" title={t('settlement.overpaid')}>
        <Money fen={fen} />
      </span>
    );
  return (
    <span className="owed-settled">
      <Money fen={0} /> {payable > 0 && <CheckCircleFilled />}
    </span>
  );
}

/**
 * The month per seller: every figure of the statement, 未付 standing out, each seller's villages
 * on expansion, the totals last; 付款 on each organization still owed (never the bureau's own row).
 * On a phone the seller's cell carries 应结 and 已付, and 未付 and 付款 stay in view.
 */
export function SellerTable({ data, loading, onPay }: { data: Settlements | undefined; loading: boolean; onPay: (s: Settlement) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<Settlement> = [
    {
      title: t('settlement.col.seller'),
      key: 'seller',
      render: (_, s) => (
        <>
          <span className="seller-name">{s.organizationName}</span>
          {s.organizationId === null && <Tag className="seller-own">{t('settlement.ownListings')}</Tag>}
          {isPhone && (
            <div className="cell-sub">
              {t('settlement.fig.payableFen')} <Money fen={s.payableFen} /> · {t('settlement.fig.paidOutFen')} <Money fen={s.paidOutFen} />
            </div>
          )}
        </>
      ),
    },
    { title: t('settlement.col.orders'), dataIndex: 'orders', width: 60, align: 'right', responsive: ['md'] },
    ...FIGURES.map((key) => ({
      title: t(`settlement.fig.${key}`),
      dataIndex: key,
      width: 104,
      align: 'right' as const,
      responsive: ['md' as const],
      render: (fen: number) =>
        key === 'payableFen' ? (
          <b>
            <Money fen={fen} />
          </b>
        ) : (
          <Money fen={fen} />
        ),
    })),
    {
      title: t('settlement.fig.owedFen'),
      dataIndex: 'owedFen',
      width: 112,
      align: 'right',
      className: 'owed-column',
      render: (fen: number, s) => <Owed fen={fen} payable={s.payableFen} />,
    },
    {
      title: isPhone ? '' : t('common.actions'),
      key: 'actions',
      width: isPhone ? 72 : 92,
      render: (_, s) =>
        s.organizationId === null ? (
          <span className="muted cell-sub">{t('settlement.ownNoPayout')}</span>
        ) : (
          <Button
            type={s.owedFen > 0 ? 'primary' : 'default'}
            size="small"
            icon={isPhone ? undefined : <PayCircleOutlined />}
            disabled={s.owedFen <= 0}
            onClick={() => onPay(s)}
            data-testid="settlement-pay"
          >
            {t('settlement.pay')}
          </Button>
        ),
    },
  ];

  const totals = data?.totals;
  return (
    <Table<Settlement>
      rowKey={(s) => s.organizationId ?? 'bureau'}
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      pagination={false}
      scroll={isPhone ? undefined : { x: 'max-content' }}
      data-testid="seller-table"
      rowClassName={(s) => (s.owedFen > 0 && s.organizationId !== null ? 'row-owed' : '')}
      onRow={(s) => ({ 'data-seller': s.organizationName, 'data-owed': s.owedFen }) as HTMLAttributes<HTMLElement>}
      expandable={{
        rowExpandable: (s) => s.villages.length > 0,
        expandedRowRender: (s) => (
          <div className="expanded-villages">
            <VillageFigures villages={s.villages} />
          </div>
        ),
      }}
      locale={{ emptyText: <Empty description={t('settlement.emptyBureau')} /> }}
      summary={() =>
        totals && (data?.items.length ?? 0) > 1 ? (
          <Table.Summary.Row className="totals-row" data-testid="settlement-totals">
            <Table.Summary.Cell index={0} />
            <Table.Summary.Cell index={1}>
              <b>{t('settlement.totals')}</b>
              {isPhone && (
                <div className="cell-sub">
                  {t('settlement.fig.payableFen')} <Money fen={totals.payableFen} /> · {t('settlement.fig.paidOutFen')} <Money fen={totals.paidOutFen} />
                </div>
              )}
            </Table.Summary.Cell>
            {!isPhone && (
              <>
                <Table.Summary.Cell index={2} align="right">
                  {totals.orders}
                </Table.Summary.Cell>
                {FIGURES.map((key, i) => (
                  <Table.Summary.Cell key={key} index={3 + i} align="right">
                    <b>
                      <Money fen={totals[key]} />
                    </b>
                  </Table.Summary.Cell>
                ))}
              </>
            )}
            <Table.Summary.Cell index={isPhone ? 2 : 8} align="right">
              <Owed fen={totals.owedFen} payable={totals.payableFen} />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={isPhone ? 3 : 9} />
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
