import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { rememberCampaign } from '../../shop/cart';
import { usePublicCampaign } from '../../shop/charity-api';
import { HeartFilled } from '../../shop/components/icons';
import { Price } from '../../shop/components/Price';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { Skel, SkelLines } from '../../shop/components/Skeleton';
import { useDocumentTitle } from '../../shop/use-document-title';

/**
 * A campaign on a phone (扶贫日, 年货节): raised against the target, days left, the split by village,
 * the listings it features and its villages' accounts; donate or buy with the campaign attached
 * (remembered here for the donate form and the cart). Plain elements: no antd-mobile.
 */
export default function CampaignPage() {
  const { t } = useTranslation();
  const { slug = '', id = '' } = useParams();
  const q = usePublicCampaign(slug, id);
  const c = q.data;
  useDocumentTitle(c ? c.title : t('campaign.title'));
  useEffect(() => {
    if (c && c.status !== 'ended') rememberCampaign(slug, { id: c.id, title: c.title });
  }, [c, slug]);
  const percent = c ? Math.min(100, Math.floor((c.raisedFen / Math.max(1, c.targetFen)) * 100)) : 0;
  const top = c ? Math.max(1, ...c.villages.map((v) => v.fen)) : 1;
  const single = c && c.villages.length === 1 ? `&village=${encodeURIComponent(c.villages[0]!.villageId)}` : '';

  return (
    <div className="shop-page campaign-page">
      <ShopNavBar slug={slug} title={t('campaign.title')} cart={false} />
      {q.isError ? (
        <ShopError error={q.error} notFound={t('campaign.notFound')} onRetry={() => void q.refetch()} home={`/shop/${slug}`} />
      ) : !c ? (
        <div className="shop-section">
          <Skel width="70%" height="26px" />
          <SkelLines lines={6} lineHeight="1.8em" />
        </div>
      ) : (
        <>
          <header className="tp-header cp-header">
            {c.kind && <span className="cp-kind">{c.kind}</span>}
            <h1 data-testid="campaign-title">{c.title}</h1>
            <p>
              {t('campaign.dates', { start: c.startDate, end: c.endDate })} ·{' '}
              {c.status === 'open'
                ? t('campaign.daysLeft', { n: c.daysLeft })
                : c.status === 'upcoming'
                  ? t('campaign.startsIn', { date: c.startDate })
                  : t('campaign.ended')}
            </p>
          </header>
          <section className="shop-card-block" data-testid="campaign-progress">
            <div className="cp-raised">
              <span>{t('campaign.raised')}</span>
              <Price fen={c.raisedFen} size="xl" />
            </div>
            <div
              className="cp-bar"
              role="progressbar"
              aria-label={t('campaign.raised')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              data-testid="campaign-bar"
            >
              <span style={{ width: `${percent}%` }} />
            </div>
            <div className="cp-meta">
              <span>{t('campaign.percent', { n: percent })}</span>
              <span>
                {t('campaign.target')} <Price fen={c.targetFen} size="sm" />
              </span>
            </div>
            <p className="shop-muted cp-counts">{t('campaign.counts', { orders: c.orders, donations: c.donations })}</p>
            {c.description && <p className="cp-description">{c.description}</p>}
          </section>
          {c.status !== 'ended' && (
            <div className="tp-cta cp-cta">
              <Link
                to={`/shop/${slug}/donate?campaign=${encodeURIComponent(c.id)}${single}`}
                className="shop-button shop-button-primary shop-button-block"
                data-testid="campaign-donate"
              >
                <HeartFilled /> {t('campaign.donate')}
              </Link>
              <Link
                to={`/shop/${slug}?campaign=${encodeURIComponent(c.id)}`}
                className="shop-button shop-button-outline shop-button-block"
                data-testid="campaign-buy"
              >
                {t('campaign.buy')}
              </Link>
            </div>
          )}
          <section className="shop-card-block" data-testid="campaign-villages">
            <h2 className="shop-block-title">{t('campaign.villagesTitle')}</h2>
            {c.villages.length === 0 ? (
              <p className="shop-muted">{t('campaign.villagesNone')}</p>
            ) : (
              <ul className="cp-villages">
                {c.villages.map((v) => (
                  <li key={v.villageId}>
                    <Link to={`/shop/${slug}/villages/${v.villageId}`}>{v.villageName}</Link>
                    <span className="cp-village-bar" style={{ width: `${Math.max(4, Math.round((v.fen / top) * 100))}%` }} />
                    <Price fen={v.fen} size="sm" />
                  </li>
                ))}
              </ul>
            )}
          </section>
          {c.produce.length > 0 && (
            <section className="shop-card-block" data-testid="campaign-produce">
              <h2 className="shop-block-title">{t('campaign.produceTitle')}</h2>
              <ul className="cp-produce">
                {c.produce.map((p) => (
                  <li key={p.id}>
                    <Link to={`/shop/${slug}/produce/${p.id}?campaign=${encodeURIComponent(c.id)}`}>
                      <span>{p.name}</span>
                      <span className="shop-muted">{p.villageName}</span>
                    </Link>
                    <Price fen={p.priceFen} size="sm" />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="shop-card-block" data-testid="campaign-funds">
            <h2 className="shop-block-title">{t('campaign.fundsTitle')}</h2>
            <dl className="cp-funds">
              <dt>{t('campaign.received')}</dt>
              <dd>
                <Price fen={c.funds.cashFen} size="sm" />
              </dd>
              <dt>{t('campaign.used')}</dt>
              <dd>
                <Price fen={c.funds.usedFen} size="sm" />
              </dd>
              <dt>{t('campaign.balance')}</dt>
              <dd>
                <Price fen={c.funds.balanceFen} size="sm" />
              </dd>
              <dt>{t('campaign.refunded')}</dt>
              <dd>
                <Price fen={c.funds.refundedFen} size="sm" />
              </dd>
            </dl>
            <p className="shop-muted cp-identity" data-testid="campaign-identity">
              {t('campaign.fundsIdentity')}
              {c.funds.cashFen === c.funds.usedFen + c.funds.balanceFen + c.funds.refundedFen ? ' ✓' : ''}
            </p>
            <Link to={`/shop/${slug}/transparency`} className="cp-more">
              {t('donate.transparencyLink')}
            </Link>
          </section>
        </>
      )}
    </div>
  );
}
