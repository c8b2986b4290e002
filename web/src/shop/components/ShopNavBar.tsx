import { ShoppingCartOutlined } from '@ant-design/icons';
import { Badge, NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCart } from '../cart';
import { LangToggle } from './LangToggle';

/** The top bar of a shop page: back (to the shop when there is no history), title, language, cart. */
export function ShopNavBar({ slug, title, back = true, cart = true }: { slug: string; title: ReactNode; back?: boolean; cart?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { count } = useCart(slug);
  const onBack = () => (window.history.length > 1 ? navigate(-1) : navigate(`/shop/${slug}`));
  return (
    <NavBar
      className="shop-navbar"
      backIcon={back}
      onBack={back ? onBack : undefined}
      right={
        <div className="shop-navbar-right">
          <LangToggle />
          {cart && (
            <Link to={`/shop/${slug}/cart`} className="shop-navbar-cart" aria-label={t('shop.cart.title')} data-testid="nav-cart">
              <Badge content={count > 0 ? (count > 99 ? '99+' : count) : null}>
                <ShoppingCartOutlined />
              </Badge>
            </Link>
          )}
        </div>
      }
    >
      {title}
    </NavBar>
  );
}
