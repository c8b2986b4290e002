import { ShoppingCartOutlined } from '../../shop/components/icons';
import { Badge, Button, Toast } from '../../shop/mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PublicProduce } from '../../../../shared/schemas/produce';
import { MAX_LINE_QUANTITY } from '../../../../shared/formats';
import { cartItemOf, useCart } from '../../shop/cart';
import { QuantityStepper } from '../../shop/components/QuantityStepper';

/** The bar at the bottom: cart, quantity, 加入购物车 and 立即购买 (which adds and goes to the cart). */
export function BuyBar({ slug, produce: p }: { slug: string; produce: PublicProduce }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cart = useCart(slug);
  const [quantity, setQuantity] = useState(1);
  const max = Math.max(1, Math.min(p.available, MAX_LINE_QUANTITY));
  const soldOut = p.available <= 0;

  const add = (): boolean => {
    const result = cart.add(cartItemOf(p), quantity);
    if (result === 'full') {
      Toast.show({ content: t('shop.cart.full'), position: 'bottom' });
      return false;
    }
    return true;
  };

  return (
    <div className="shop-buybar" data-testid="buy-bar">
      <div className="shop-buybar-qty">
        <span className="shop-muted" aria-hidden>
          {t('shop.produce.quantity')}
        </span>
        <QuantityStepper
          min={1}
          max={max}
          value={quantity}
          onChange={setQuantity}
          disabled={soldOut}
          label={t('shop.produce.quantity')}
          data-testid="quantity"
        />
      </div>
      <div className="shop-buybar-actions">
        <Link to={`/shop/${slug}/cart`} className="shop-buybar-cart" aria-label={t('shop.cart.title')}>
          <Badge content={cart.count > 0 ? cart.count : null}>
            <ShoppingCartOutlined />
          </Badge>
          <span>{t('shop.cart.short')}</span>
        </Link>
        <Button
          className="shop-btn-add"
          disabled={soldOut}
          onClick={() => {
            if (add()) Toast.show({ icon: 'success', content: t('shop.produce.added') });
          }}
          data-testid="add-to-cart"
        >
          {t('shop.produce.addToCart')}
        </Button>
        <Button
          className="shop-btn-buy"
          color="primary"
          disabled={soldOut}
          onClick={() => {
            if (add()) void navigate(`/shop/${slug}/cart`);
          }}
          data-testid="buy-now"
        >
          {soldOut ? t('shop.soldOut') : t('shop.produce.buyNow')}
        </Button>
      </div>
    </div>
  );
}
