import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { VillageSettlement } from '../../../../shared/schemas/settlements';
import { useIsPhone } from '../../lib/use-is-phone';
import { Money } from '../Money';

/**
 * A seller's month per village: what each village's goods sold, gave back and cost in fees. On a
 * phone the three figures ride under the village's name beside what is payable.
 */
export function VillageFigures({ villages }: { villages: VillageSettlement[] }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<VillageSettlement> = [
    {
      title: t('fields.village'),
      dataIndex: 'villageName',
      render: (name: string, v) => (
        <>
          {name || '—'}
          {isPhone && (
            <div className="cell-sub">
              {t('settlement.fig.grossFen')} <Money fen={v.grossFen} /> · {t('settlement.fig.refundsFen')} <Money fen={v.refundsFen} /> ·{' '}
              {t('settlement.fig.feesFen')} <Money fen={v.feesFen} />
            </div>
          )}
        </>
      ),
    },
    { title: t('settlement.col.orders'), dataIndex: 'orders', align: 'right', width: 72, responsive: ['md'] },
    { title: t('settlement.fig.grossFen'), dataIndex: 'grossFen', align: 'right', responsive: ['md'], render: (fen: number) => <Money fen={fen} /> },
    { title: t('settlement.fig.refundsFen'), dataIndex: 'refundsFen', align: 'right', responsive: ['md'], render: (fen: number) => <Money fen={fen} /> },
    { title: t('settlement.fig.feesFen'), dataIndex: 'feesFen', align: 'right', responsive: ['md'], render: (fen: number) => <Money fen={fen} /> },
    {
      title: t('settlement.fig.payableFen'),
      dataIndex: 'payableFen',
      align: 'right',
      render: (fen: number) => (
        <b>
          <Money fen={fen} />
        </b>
      ),
    },
  ];
  return (
    <Table<VillageSettlement>
      rowKey="villageId"
      size="small"
      pagination={false}
      dataSource={villages}
      scroll={isPhone ? undefined : { x: 'max-content' }}
      data-testid="village-figures"
      columns={columns}
    />
  );
}
