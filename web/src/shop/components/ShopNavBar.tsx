import { LeftOutlined, ShoppingCartOutlined } from './icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCart } from '../cart';
import { LangToggle } from './LangToggle';

/**
 * The top bar of a shop page: back (to the shop when there is no history), title, language, cart.
 * Its own markup rather than antd-mobile's NavBar, whose left slot is an unnamed role="button" even
 * without a back arrow (axe: aria-command-name); here the back arrow is a real, named button.
 */
export function ShopNavBar({ slug, title, back = true, cart = true }: { slug: string; title: ReactNode; back?: boolean; cart?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { count } = useCart(slug);
  const onBack = () => (window.history.length > 1 ? navigate(-1) : navigate(`/shop/${slug}`));
  return (
    <header className="shop-navbar">
      <div className="shop-navbar-left">
        {back && (
          <button type="button" className="shop-navbar-back" onClick={onBack} aria-label={t('shop.back')} data-testid="nav-back">
            <LeftOutlined />
          </button>
        )}
      </div>
      <div className="shop-navbar-title">{title}</div>
      <div className="shop-navbar-right">
        <LangToggle />
        {cart && (
          <Link
            to={`/shop/${slug}/cart`}
            className="shop-navbar-cart"
            aria-label={count > 0 ? t('shop.cart.titleN', { n: count }) : t('shop.cart.title')}
            data-testid="nav-cart"
          >
            <span className="shop-cart-count-wrap">
              <ShoppingCartOutlined />
              {count > 0 && (
                <span className="shop-cart-count" data-testid="cart-count">
                  {count > 99 ? '99+' : count}
                </span>
              )}
            </span>
          </Link>
        )}
      </div>
    </header>
  );
}
