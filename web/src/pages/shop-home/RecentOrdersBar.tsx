import { FileTextOutlined, RightOutlined } from '../../shop/components/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { recentOrders } from '../../shop/cart';
import { withTokenFragment } from '../../shop/fragment-token';

/** The order this browser placed last, one tap away (the order page needs its token). */
export function RecentOrdersBar({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [latest] = recentOrders(slug);
  if (!latest) return null;
  return (
    <Link className="shop-recent" to={withTokenFragment(`/shop/${slug}/orders/${latest.orderId}`, latest.token)} data-testid="recent-order">
      <FileTextOutlined />
      <span>{t('shop.home.recentOrder')}</span>
      <RightOutlined className="shop-recent-arrow" />
    </Link>
  );
}
