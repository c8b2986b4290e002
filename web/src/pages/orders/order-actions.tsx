import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/schemas/orders';
import type { OrderCommand } from './OrdersPage';

/** Which steps an order may take next: paid → shipped → delivered; a paid order may be refunded. */
export const canShip = (o: Order) => o.status === 'paid';
export const canDeliver = (o: Order) => o.status === 'shipped';
export const canRefund = (o: Order) => o.status === 'paid' || o.status === 'shipped' || o.status === 'delivered';

export function OrderActions({ order, onCommand, size = 'small', type = 'link' }: { order: Order; onCommand: (c: OrderCommand) => void; size?: 'small' | 'middle'; type?: 'link' | 'default' }) {
  const { t } = useTranslation();
  return (
    <Space size={type === 'link' ? 0 : 8} wrap>
      {canShip(order) && (
        <Button type={type === 'link' ? 'link' : 'primary'} size={size} onClick={() => onCommand({ order, kind: 'ship' })} data-testid="order-ship">
          {t('orders.ship')}
        </Button>
      )}
      {canDeliver(order) && (
        <Button type={type} size={size} onClick={() => onCommand({ order, kind: 'deliver' })} data-testid="order-deliver">
          {t('orders.deliver')}
        </Button>
      )}
      {canRefund(order) && (
        <Button type={type} size={size} danger onClick={() => onCommand({ order, kind: 'refund' })} data-testid="order-refund">
          {t('orders.refund')}
        </Button>
      )}
    </Space>
  );
}
