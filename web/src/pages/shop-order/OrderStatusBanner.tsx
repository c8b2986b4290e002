import { CarOutlined, CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, GiftFilled, RollbackOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicOrder } from '../../shop/api';
import { formatInstant } from '../../lib/dates';

const ICONS: Record<PublicOrder['status'], ReactNode> = {
  pending_payment: <ClockCircleFilled />,
  paid: <CheckCircleFilled />,
  shipped: <CarOutlined />,
  delivered: <GiftFilled />,
  cancelled: <CloseCircleFilled />,
  expired: <CloseCircleFilled />,
  refunded: <RollbackOutlined />,
};

/** The order's state in one sentence, in the colour of its state. */
export function OrderStatusBanner({ order: o }: { order: PublicOrder }) {
  const { t } = useTranslation();
  const hint =
    o.status === 'pending_payment'
      ? t('shop.order.hint.pending_payment', { time: formatInstant(o.expiresAt) })
      : o.status === 'shipped' && o.shipment
        ? t('shop.order.hint.shippedWith', { carrier: o.shipment.carrier, trackingNo: o.shipment.trackingNo })
        : t(`shop.order.hint.${o.status}`);
  return (
    <div className={`shop-status-banner status-${o.status}`} data-testid="order-status" data-status={o.status}>
      <span className="shop-status-icon">{ICONS[o.status]}</span>
      <div>
        <div className="shop-status-title">{t(`orderStatus.${o.status}`)}</div>
        <div className="shop-status-hint">{hint}</div>
      </div>
    </div>
  );
}
