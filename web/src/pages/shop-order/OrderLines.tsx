import { EnvironmentOutlined } from '../../shop/components/icons';
import { useTranslation } from 'react-i18next';
import type { PublicOrder } from '../../shop/api';
import { Price } from '../../shop/components/Price';
import { useFormat } from '../../lib/format-list';

/** What was bought, from which villages, and the total to the fen. */
export function OrderLines({ order: o }: { order: PublicOrder }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="shop-card-block" data-testid="order-lines">
      <div className="shop-block-title">{t('shop.order.linesTitle')}</div>
      <ul className="shop-order-lines">
        {o.lines.map((l) => (
          <li key={l.produceId}>
            <div className="shop-order-line-main">
              <span className="shop-order-line-name">{l.name}</span>
              <Price fen={l.priceFen * l.quantity} size="sm" />
            </div>
            <div className="shop-order-line-sub">
              <span>
                <EnvironmentOutlined /> {l.villageName}
              </span>
              <span>{t('shop.order.lineQty', { price: (l.priceFen / 100).toFixed(2), qty: fmt.qty(l.quantity, l.unit) })}</span>
            </div>
          </li>
        ))}
      </ul>
      <div className="shop-order-total">
        <span>{t('shop.order.total')}</span>
        <Price fen={o.totalFen} size="lg" />
      </div>
      {o.refundedFen > 0 && (
        <div className="shop-order-refunded" data-testid="order-refunded">
          <span>{t('shop.order.refundedFen')}</span>
          <Price fen={o.refundedFen} size="sm" />
        </div>
      )}
    </div>
  );
}
