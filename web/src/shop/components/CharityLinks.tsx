import { BarChartOutlined, HeartFilled, RightOutlined } from './icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The two public-welfare doors of a shop page: 爱心捐赠 (to this village when there is one) and 资金公示. */
export function CharityLinks({ slug, villageId }: { slug: string; villageId?: string }) {
  const { t } = useTranslation();
  const q = villageId ? `?village=${encodeURIComponent(villageId)}` : '';
  return (
    <nav className="charity-links" data-testid="charity-links">
      <Link to={`/shop/${slug}/donate${q}`} className="charity-link charity-link-donate" data-testid="donate-entry">
        <HeartFilled />
        <span className="charity-link-text">
          <b>{t('donate.entry')}</b>
          <small>{t('donate.entryHint')}</small>
        </span>
        <RightOutlined className="charity-link-arrow" />
      </Link>
      <Link to={villageId ? `/shop/${slug}/villages/${villageId}` : `/shop/${slug}/transparency`} className="charity-link" data-testid="transparency-entry">
        <BarChartOutlined />
        <span className="charity-link-text">
          <b>{t('transparency.entry')}</b>
        </span>
        <RightOutlined className="charity-link-arrow" />
      </Link>
    </nav>
  );
}
