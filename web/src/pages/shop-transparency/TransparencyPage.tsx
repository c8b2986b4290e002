import { HeartFilled, RightOutlined } from '../../shop/components/icons';
import { Button } from '../../shop/mobile';
import { Skel, SkelLines } from '../../shop/components/Skeleton';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useTransparency } from '../../shop/charity-api';
import { EmptyState } from '../../shop/components/EmptyState';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { StoriesSection } from '../../shop/components/StoriesSection';
import { useDocumentTitle } from '../../shop/use-document-title';
import FundsChart from './FundsChart';
import { FundsFigures } from './FundsFigures';

/** 资金公示: the tenant's totals, received vs used per village, and each village's figures (rule 8). */
export default function TransparencyPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const q = useTransparency(slug);
  const d = q.data;
  useDocumentTitle(d ? `${t('transparency.title')} · ${d.tenant.name}` : t('transparency.title'));
  const bars = useMemo(() => (d?.villages ?? []).map((v) => ({ name: v.name, receivedFen: v.cashReceivedFen, usedFen: v.cashUsedFen })), [d]);

  return (
    <div className="shop-page transparency-page">
      <ShopNavBar slug={slug} title={t('transparency.title')} cart={false} />
      {q.isError ? (
        <ShopError error={q.error} notFound={t('shop.home.tenantNotFound')} onRetry={() => void q.refetch()} home={`/shop/${slug}`} />
      ) : !d ? (
        <div className="shop-section">
          <Skel width="60%" height="26px" />
          <SkelLines lines={6} lineHeight="1.8em" />
        </div>
      ) : (
        <>
          <header className="tp-header">
            <h1>{d.tenant.name}</h1>
            <p>
              {d.tenant.region} · {t('transparencyMore.villagesCount', { n: d.totals.villages })} · {t('transparency.asOf')}
            </p>
          </header>
          <section className="shop-card-block" data-testid="tp-totals">
            <div className="shop-block-title">{t('transparencyMore.totalsTitle')}</div>
            <FundsFigures f={d.totals} testId="tp-totals-figures" />
          </section>
          <div className="tp-cta">
            <Link to={`/shop/${slug}/donate`}>
              <Button block color="primary" size="large" data-testid="tp-donate">
                <HeartFilled /> {t('donate.entry')}
              </Button>
            </Link>
          </div>
          {bars.length > 0 && (
            <section className="shop-card-block">
              <div className="shop-block-title">{t('transparency.chartTitle')}</div>
              <FundsChart bars={bars} receivedLabel={t('transparency.received')} usedLabel={t('transparency.used')} />
            </section>
          )}
          <StoriesSection slug={slug} limit={3} />
          <div className="shop-section">
            <div className="shop-block-title">{t('transparency.villages')}</div>
          </div>
          {d.villages.length === 0 ? (
            <EmptyState kind="empty" className="shop-empty" title={t('transparency.empty')} />
          ) : (
            d.villages.map((v) => (
              <section key={v.villageId} className="shop-card-block" data-testid={`tp-village-${v.villageId}`}>
                <Link to={`/shop/${slug}/villages/${v.villageId}`} className="tp-village">
                  <div className="tp-village-head">
                    <span className="tp-village-name">{v.name}</span>
                    <span className="tp-village-town">{v.township}</span>
                    {v.supervised && <span className="tp-tag">{t('transparency.supervised')}</span>}
                    <span className="tp-village-more">
                      {t('transparency.viewVillage')} <RightOutlined />
                    </span>
                  </div>
                  <FundsFigures f={v} />
                  <div className="tp-orgs">
                    {v.organizations.length === 0 ? (
                      <span className="shop-muted">{t('transparency.noOrganizations')}</span>
                    ) : (
                      v.organizations.map((o) => (
                        <span key={o.id} className="tp-org">
                          {o.name}
                        </span>
                      ))
                    )}
                  </div>
                </Link>
              </section>
            ))
          )}
        </>
      )}
    </div>
  );
}
