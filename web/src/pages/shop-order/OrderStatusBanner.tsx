import { CarOutlined, CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, GiftFilled, RollbackOutlined } from '../../shop/components/icons';
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
  const parcels = o.fulfilments.filter((f) => f.status !== 'refunded');
  const sent = parcels.filter((f) => f.status !== 'paid').length;
  // one live parcel: its own tracking (the order's first shipment may be a parcel since refunded)
  const shipment = (parcels.length === 1 ? parcels[0].shipment : null) ?? o.shipment;
  const hint =
    o.status === 'pending_payment'
      ? t('shop.order.hint.pending_payment', { time: formatInstant(o.expiresAt) })
      : parcels.length > 1 && o.status === 'paid' && sent > 0
        ? t('shop.order.hint.partlyShipped', { sent, n: parcels.length })
        : parcels.length > 1 && o.status === 'shipped'
          ? t('shop.order.hint.shippedParcels', { n: parcels.length })
          : o.status === 'shipped' && shipment
            ? t('shop.order.hint.shippedWith', { carrier: shipment.carrier, trackingNo: shipment.trackingNo })
            : t(`shop.order.hint.${o.status}`);
  return (
    <div className={`shop-status-banner status-${o.status}`} data-testid="order-status" data-status={o.status}>
      <span className="shop-status-icon">{ICONS[o.status]}</span>
      <div>
        <div className="shop-status-title">{t(`orderStatus.${o.status}`)}</div>
        <div className="shop-status-hint">{hint}</div>
        {o.orderNo && (
          <div className="shop-status-hint" data-testid="order-no-banner">
            {t('orderLookup.orderNo')}：<strong className="shop-mono">{o.orderNo}</strong>
          </div>
        )}
      </div>
    </div>
  );
}
