import { CopyOutlined, ShopOutlined } from '../../shop/components/icons';
import { Tag, Toast } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money-format';
import type { Fulfilment } from '../../../../shared/schemas/orders';
import { formatInstant } from '../../lib/dates';
import type { PublicOrder } from '../../shop/api';

// the order banner's colours: orange waiting, blue on its way, green arrived, grey refunded
const TAG_COLORS: Record<Fulfilment['status'], string> = { paid: '#fa7d09', shipped: '#1677a8', delivered: '#2f8a12', refunded: '#8c8c8c' };

/**
 * 包裹与物流: a paid order goes out as one parcel per seller; each says who sends it, where it
 * stands and, once shipped, its carrier and tracking number (tap to copy).
 */
export function OrderParcels({ order: o }: { order: PublicOrder }) {
  const { t } = useTranslation();
  const n = o.fulfilments.length;
  if (n === 0) return null;
  const copy = (text: string) => {
    void navigator.clipboard
      ?.writeText(text)
      .then(() => Toast.show({ content: t('shop.order.copied') }))
      .catch(() => undefined);
  };
  return (
    <div className="shop-card-block shop-parcels" data-testid="order-shipment">
      <div className="shop-block-title">{t('shop.order.shipmentTitle')}</div>
      {n > 1 && <p className="shop-parcels-note">{t('shop.order.parcelsNote', { n })}</p>}
      <ul className="shop-parcel-list">
        {o.fulfilments.map((f, i) => (
          <li key={f.id} className={`shop-parcel status-${f.status}`} data-testid="order-parcel" data-parcel={f.id} data-status={f.status}>
            <div className="shop-parcel-head">
              <span className="shop-parcel-no">{n > 1 ? t('shop.order.parcelOf', { i: i + 1, n }) : t('shop.order.parcel')}</span>
              <Tag color={TAG_COLORS[f.status]} fill="outline">
                {t(`fulfilmentStatus.${f.status}`)}
              </Tag>
            </div>
            <div className="shop-parcel-seller" data-testid="parcel-seller">
              <ShopOutlined /> {t('shop.order.sentBy', { seller: f.sellerName })}
            </div>
            <div className="shop-parcel-items">
              {f.lines.map((l) => t('shop.order.parcelItem', { name: l.name, n: l.quantity })).join(t('audit.listSeparator'))}
            </div>
            {f.shipment ? (
              <div className="shop-parcel-track">
                <span className="shop-parcel-carrier">{f.shipment.carrier}</span>
                <span className="shop-mono" data-testid="tracking-no">
                  {f.shipment.trackingNo}
                </span>
                <button
                  type="button"
                  className="shop-link-button shop-parcel-copy"
                  onClick={() => copy(f.shipment!.trackingNo)}
                  aria-label={t('shop.order.copy')}
                >
                  <CopyOutlined /> {t('shop.order.copy')}
                </button>
              </div>
            ) : null}
            <div className="shop-parcel-when">
              {f.status === 'paid' && t('shop.order.parcelWaiting')}
              {f.status === 'shipped' && f.shippedAt && t('shop.order.parcelShippedAt', { time: formatInstant(f.shippedAt) })}
              {f.status === 'delivered' && t('shop.order.parcelDeliveredAt', { time: formatInstant(f.deliveredAt) })}
              {f.status === 'refunded' && t('shop.order.parcelRefunded', { amount: formatFen(f.totalFen), time: formatInstant(f.refundedAt) })}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
