import { Button, Skeleton } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { usePublicOrder } from '../../shop/api';
import { recentOrders, useCart } from '../../shop/cart';
import { useFragmentToken } from '../../shop/fragment-token';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { StoriesSection } from '../../shop/components/StoriesSection';
import { OrderFacts } from './OrderFacts';
import { OrderLines } from './OrderLines';
import { OrderParcels } from './OrderParcels';
import { OrderStatusBanner } from './OrderStatusBanner';
import { OrderSteps } from './OrderSteps';

/** The buyer's order through its token: where it stands (refreshing while unpaid), its parcels and their tracking, what was bought. */
export default function ShopOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug = '', orderId = '' } = useParams();
  const token = useFragmentToken();
  const order = usePublicOrder(slug, orderId, token);
  const cart = useCart(slug);
  const o = order.data;
  const checkoutUrl = recentOrders(slug).find((r) => r.orderId === orderId)?.checkoutUrl;

  const buyAgain = () => {
    if (!o) return;
    for (const l of o.lines) {
      // the cart page reads each listing again, so a stale price or township is corrected there
      cart.add({ produceId: l.produceId, name: l.name, unit: l.unit, priceFen: l.priceFen, villageName: l.villageName, township: '' }, l.quantity);
    }
    void navigate(`/shop/${slug}/cart`);
  };

  return (
    <div className="shop-page shop-order">
      <ShopNavBar slug={slug} title={t('shop.order.title')} />
      {!token ? (
        <ShopError error={null} notFound={t('shop.order.notFound')} hint={t('shop.order.notFoundHint')} home={`/shop/${slug}`} />
      ) : order.isError ? (
        <ShopError
          error={order.error}
          notFound={t('shop.order.notFound')}
          hint={t('shop.order.notFoundHint')}
          onRetry={() => void order.refetch()}
          home={`/shop/${slug}`}
        />
      ) : !o ? (
        <div className="shop-section">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={6} animated />
        </div>
      ) : (
        <>
          <OrderStatusBanner order={o} />
          {o.status === 'pending_payment' && checkoutUrl && (
            <div className="shop-card-block">
              <Button block color="primary" size="large" onClick={() => window.location.assign(checkoutUrl)} data-testid="order-pay">
                {t('shop.order.payNow')}
              </Button>
            </div>
          )}
          <OrderSteps order={o} />
          <OrderParcels order={o} />
          <OrderLines order={o} />
          <OrderFacts order={o} />
          {['paid', 'shipped', 'delivered'].includes(o.status) && o.lines[0] && (
            <StoriesSection slug={slug} villageId={o.lines[0].villageId} title={t('story.yourVillages')} hint={t('story.yourVillagesHint')} limit={3} />
          )}
          <p className="shop-fineprint">{t('shop.order.keepLink')}</p>
          <div className="shop-order-actions">
            {(o.status === 'cancelled' || o.status === 'expired') && (
              <Button color="primary" size="large" onClick={buyAgain} data-testid="buy-again">
                {t('shop.order.buyAgain')}
              </Button>
            )}
            <Link to={`/shop/${slug}`}>
              <Button size="large" fill="outline" color="primary" block>
                {t('shop.order.continueShopping')}
              </Button>
            </Link>
          </div>
        </>
      )}
    </div>
  );
}
