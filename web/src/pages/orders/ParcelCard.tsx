import { Card, Descriptions, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Fulfilment, Order, OrderLine } from '../../../../shared/schemas/orders';
import { FulfilmentStatusTag } from '../../components/commerce-tags';
import { Money } from '../../components/Money';
import { formatInstant } from '../../lib/dates';
import { parcelNumber, ParcelActions, type ParcelCommand } from './order-actions';
import { useFormat } from '../../lib/format-list';

/** One seller's parcel of an order: whose, where it stands, its lines and amount, its tracking, its next step. */
export function ParcelCard({ order, parcel: f, onCommand }: { order: Order; parcel: Fulfilment; onCommand: (c: ParcelCommand) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = parcelNumber(f);
  return (
    <Card
      size="small"
      className={`parcel-card parcel-${f.status}`}
      data-testid="parcel"
      data-parcel={f.id}
      data-status={f.status}
      data-seller={f.sellerName}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('orders.parcelN', { n })}</span>
          <Typography.Text type="secondary" className="parcel-seller" ellipsis>
            {f.sellerName}
          </Typography.Text>
          <FulfilmentStatusTag status={f.status} />
        </Flex>
      }
      extra={
        <b>
          <Money fen={f.totalFen} />
        </b>
      }
    >
      <Table<OrderLine>
        rowKey="produceId"
        size="small"
        pagination={false}
        dataSource={f.lines}
        columns={[
          { title: t('produce.name'), dataIndex: 'name' },
          { title: t('fields.village'), dataIndex: 'villageName', responsive: ['sm'] },
          { title: t('orders.quantity'), key: 'qty', align: 'right', render: (_, l) => fmt.qty(l.quantity, l.unit) },
          { title: t('orders.subtotal'), key: 'sub', align: 'right', render: (_, l) => <Money fen={l.priceFen * l.quantity} /> },
        ]}
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="parcel-facts">
        {f.shipment && (
          <>
            <Descriptions.Item label={t('shop.order.carrier')}>{f.shipment.carrier}</Descriptions.Item>
            <Descriptions.Item label={t('shop.order.trackingNo')}>
              <Typography.Text className="mono" copyable data-testid="parcel-tracking">
                {f.shipment.trackingNo}
              </Typography.Text>
            </Descriptions.Item>
          </>
        )}
        {f.shippedAt && <Descriptions.Item label={t('shop.order.shippedAt')}>{formatInstant(f.shippedAt)}</Descriptions.Item>}
        {f.deliveredAt && <Descriptions.Item label={t('orders.deliveredAt')}>{formatInstant(f.deliveredAt)}</Descriptions.Item>}
        {f.refundedAt && (
          <Descriptions.Item label={t('orders.refundedAt')}>
            {formatInstant(f.refundedAt)} · <Money fen={f.totalFen} />
          </Descriptions.Item>
        )}
        {f.feeFen > 0 && (
          <Descriptions.Item label={t('orders.parcelFee')}>
            <Money fen={f.feeFen} /> <span className="muted">{t('orders.parcelFeeHint')}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {f.status !== 'refunded' && (
        <Flex justify="flex-end" className="parcel-actions">
          <ParcelActions order={order} parcel={f} onCommand={onCommand} size="middle" type="default" />
        </Flex>
      )}
    </Card>
  );
}
