import { Descriptions, Drawer, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order, OrderLine } from '../../../../shared/schemas/orders';
import { useOrder } from '../../api/orders';
import { OrderStatusTag } from '../../components/commerce-tags';
import { ErrorResult } from '../../components/ErrorResult';
import { Money } from '../../components/Money';
import { formatInstant } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';
import type { ParcelCommand } from './order-actions';
import { OrderSteps } from './OrderSteps';
import { ParcelCard } from './ParcelCard';
import { useFormat } from '../../lib/format-list';

/**
 * One order as the seller sees it: where it stands, the buyer's full contact for shipping, and its
 * parcels (one per seller once paid: an org_member sees only its own), each with its own actions.
 */
export function OrderDetail({
  id,
  fallback,
  onClose,
  onCommand,
}: {
  id: string | null;
  fallback?: Order;
  onClose: () => void;
  onCommand: (c: ParcelCommand) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const isPhone = useIsPhone();
  const order = useOrder(id);
  const o = order.data ?? fallback;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 760}
      title={o ? t('orders.detailTitle', { id: o.orderNo ?? o.id }) : t('orders.detail')}
      data-testid="order-detail"
    >
      {!o && order.isPending && <Skeleton active />}
      {!o && order.isError && <ErrorResult error={order.error} onRetry={() => void order.refetch()} />}
      {o && (
        <>
          <div className="steps-box">
            <OrderSteps order={o} />
          </div>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
            {o.orderNo && (
              <Descriptions.Item label={t('orderLookup.orderNo')}>
                <Typography.Text strong copyable className="mono" data-testid="order-detail-no">
                  {o.orderNo}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {o.orderNo && (
              <Descriptions.Item label={t('orderLookup.systemId')}>
                <span className="mono">{o.id}</span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('fields.status')}>
              <OrderStatusTag status={o.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.total')}>
              <Money fen={o.totalFen} />
              {o.refundedFen > 0 && (
                <span className="danger-text" data-testid="order-refunded">
                  {' '}
                  · {t('orders.refundedFen')} <Money fen={o.refundedFen} />
                </span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.createdAt')}>{formatInstant(o.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.paidAt')}>{formatInstant(o.paidAt)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.buyer')}>{o.buyer.name}</Descriptions.Item>
            <Descriptions.Item label={t('orders.phone')}>{o.buyer.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('orders.address')} span="filled">
              {o.buyer.address ?? '—'}
            </Descriptions.Item>
            {o.buyer.email && (
              <Descriptions.Item label={t('fields.email')} span="filled">
                {o.buyer.email}
              </Descriptions.Item>
            )}
            {o.buyerOrganizationId && (
              <Descriptions.Item label={t('orders.countsFor')} span="filled">
                <Tag color="blue">{t('orders.countsForCommitment')}</Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
          {o.fulfilments.length > 0 ? (
            <div className="parcel-list" data-testid="parcels">
              <div>
                <Typography.Title level={5} className="parcel-list-title">
                  {t('orders.parcels', { n: o.fulfilments.length })}
                </Typography.Title>
                {o.fulfilments.length > 1 && <Typography.Text type="secondary">{t('orders.parcelsHint')}</Typography.Text>}
              </div>
              {o.fulfilments.map((f) => (
                <ParcelCard key={f.id} order={o} parcel={f} onCommand={onCommand} />
              ))}
            </div>
          ) : (
            <Table<OrderLine>
              className="detail-tabs"
              rowKey="produceId"
              size="small"
              pagination={false}
              dataSource={o.lines}
              columns={[
                { title: t('produce.name'), dataIndex: 'name' },
                { title: t('fields.village'), dataIndex: 'villageName', responsive: ['sm'] },
                { title: t('orders.unitPrice'), key: 'price', align: 'right', render: (_, l) => <Money fen={l.priceFen} /> },
                { title: t('orders.quantity'), key: 'qty', align: 'right', render: (_, l) => fmt.qty(l.quantity, l.unit) },
                { title: t('orders.subtotal'), key: 'sub', align: 'right', render: (_, l) => <Money fen={l.priceFen * l.quantity} /> },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={isPhone ? 3 : 4} align="right">
                    {t('orders.total')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <b>
                      <Money fen={o.totalFen} />
                    </b>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
