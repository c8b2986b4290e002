import { Button, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/schemas/orders';
import { OrderStatusTag } from '../../components/commerce-tags';
import { Money } from '../../components/Money';
import { formatInstant } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';
import { ParcelActions, soleParcel, type ParcelCommand } from './order-actions';

type Props = { orders: Order[]; loading: boolean; filtered: boolean; onOpen: (o: Order) => void; onCommand: (c: ParcelCommand) => void };

/**
 * Orders, newest first: what was bought, for how much, by whom, and what to do next. An order of
 * one parcel is acted on from its row; one of several sellers (the bureau's view) from its detail,
 * parcel by parcel.
 */
export function OrderTable({ orders, loading, filtered, onOpen, onCommand }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<Order> = [
    {
      title: t('orders.number'),
      key: 'id',
      width: 220,
      render: (_, o) => (
        <>
          <Typography.Link className="mono" onClick={() => onOpen(o)} data-testid="order-open">
            {o.orderNo ?? o.id}
          </Typography.Link>
          <div className="cell-sub">{formatInstant(o.createdAt)}</div>
          {isPhone && (
            <div className="cell-sub">
              <OrderStatusTag status={o.status} /> <Money fen={o.totalFen} /> · {o.buyer.name}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('orders.items'),
      key: 'lines',
      width: 260,
      responsive: ['md'],
      render: (_, o) => (
        <>
          {o.lines.map((l) => (
            <div key={l.produceId} className="order-line-cell">
              {l.name} <span className="muted">× {l.quantity}</span>
            </div>
          ))}
          <div className="cell-sub">{[...new Set(o.lines.map((l) => l.villageName))].join(t('audit.listSeparator'))}</div>
        </>
      ),
    },
    {
      title: t('orders.total'),
      key: 'total',
      width: 110,
      align: 'right',
      responsive: ['md'],
      render: (_, o) => (
        <>
          <Money fen={o.totalFen} />
          {o.refundedFen > 0 && (
            <div className="cell-sub danger-text">
              {t('orders.refundedFen')} <Money fen={o.refundedFen} />
            </div>
          )}
        </>
      ),
    },
    {
      title: t('orders.buyer'),
      key: 'buyer',
      width: 150,
      responsive: ['md'],
      render: (_, o) => (
        <>
          {o.buyer.name}
          {o.buyer.phone && <div className="cell-sub">{o.buyer.phone}</div>}
        </>
      ),
    },
    {
      title: t('fields.status'),
      key: 'status',
      width: 100,
      responsive: ['md'],
      render: (_, o) => (
        <>
          <OrderStatusTag status={o.status} />
          {o.fulfilments.length > 1 ? (
            <div className="cell-sub" data-testid="order-parcels">
              {t('orders.parcelsSummary', {
                n: o.fulfilments.length,
                shipped: o.fulfilments.filter((f) => f.status === 'shipped' || f.status === 'delivered').length,
              })}
            </div>
          ) : (
            o.shipment && <div className="cell-sub">{o.shipment.carrier}</div>
          )}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      width: 190,
      render: (_, o) => {
        const parcel = soleParcel(o);
        return (
          <Space size={0} wrap>
            {parcel && <ParcelActions order={o} parcel={parcel} onCommand={onCommand} />}
            <Button type="link" size="small" onClick={() => onOpen(o)} data-testid="order-detail-open">
              {o.fulfilments.length > 1 ? t('orders.handleParcels') : t('actions.detail')}
            </Button>
          </Space>
        );
      },
    },
  ];
  return (
    <Table<Order>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={orders}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="order-table"
      onRow={(o) => ({ 'data-order': o.id, 'data-status': o.status }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty description={t(filtered ? 'orders.emptyFiltered' : 'orders.empty')} /> }}
    />
  );
}
