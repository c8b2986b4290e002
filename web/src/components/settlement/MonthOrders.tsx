import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/schemas/orders';
import { useOrders } from '../../api/orders';
import { ErrorResult } from '../ErrorResult';
import { LoadMore } from '../LoadMore';
import { Money } from '../Money';
import { OrderStatusTag } from '../commerce-tags';
import { formatInstant } from '../../lib/dates';
import { useFormat } from '../../lib/format-list';

/**
 * The orders behind a month's statement: those paid in the month (the tenant's), as the caller sees
 * them (a seller: its own parcel of each), newest first.
 */
export function MonthOrders({ month }: { month: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const orders = useOrders({ paidMonth: month });
  if (orders.isError) return <ErrorResult error={orders.error} onRetry={() => void orders.refetch()} />;
  const columns: ColumnsType<Order> = [
    { title: t('orders.paidAt'), key: 'paidAt', width: 150, render: (_, o) => formatInstant(o.paidAt) },
    {
      title: t('orders.items'),
      key: 'items',
      render: (_, o) => (
        <>
          {fmt.list(o.lines.map((l) => `${l.name} × ${fmt.qty(l.quantity, l.unit)}`))}
          <div className="cell-sub mono">{o.id}</div>
        </>
      ),
    },
    { title: t('orders.total'), key: 'total', align: 'right', width: 110, render: (_, o) => <Money fen={o.totalFen} /> },
    { title: t('fields.status'), key: 'status', width: 100, render: (_, o) => <OrderStatusTag status={o.status} /> },
  ];
  return (
    <>
      <Table<Order>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={orders.items}
        loading={orders.isPending}
        pagination={false}
        locale={{ emptyText: t('settlement.monthOrdersEmpty') }}
        data-testid="month-orders"
        scroll={{ x: 520 }}
      />
      {orders.hasNextPage && <LoadMore hasMore loading={orders.isFetchingNextPage} onMore={() => void orders.fetchNextPage()} shown={orders.items.length} />}
    </>
  );
}
