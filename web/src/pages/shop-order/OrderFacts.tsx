import { List } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import type { PublicOrder } from '../../shop/api';
import { formatInstant } from '../../lib/dates';

/** The (masked) contact and the order's number and times (the parcels have their own block). */
export function OrderFacts({ order: o }: { order: PublicOrder }) {
  const { t } = useTranslation();
  return (
    <>
      <List className="shop-facts" header={t('shop.order.buyerTitle')}>
        <List.Item extra={o.buyer.name}>{t('shop.cart.buyerName')}</List.Item>
        {o.buyer.phone && <List.Item extra={o.buyer.phone}>{t('shop.cart.buyerPhone')}</List.Item>}
        {o.buyer.address && <List.Item extra={o.buyer.address}>{t('shop.cart.buyerAddress')}</List.Item>}
      </List>
      <List className="shop-facts" header={t('shop.order.infoTitle')}>
        <List.Item
          extra={
            <span className="shop-mono" data-testid="order-no">
              {o.orderNo ?? o.id}
            </span>
          }
        >
          {t('shop.order.number')}
        </List.Item>
        {o.orderNo && <List.Item extra={<span className="shop-mono">{o.id}</span>}>{t('orderLookup.systemId')}</List.Item>}
        <List.Item extra={formatInstant(o.createdAt)}>{t('shop.order.createdAt')}</List.Item>
        {o.paidAt && <List.Item extra={formatInstant(o.paidAt)}>{t('shop.order.paidAt')}</List.Item>}
      </List>
    </>
  );
}
