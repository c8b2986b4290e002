import { CopyOutlined, HeartFilled } from '../../shop/components/icons';
import { Button, Skeleton, Toast } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useVillageTransparency } from '../../shop/charity-api';
import { ConcernForm } from '../../shop/components/ConcernForm';
import { Price } from '../../shop/components/Price';
import { ShopError } from '../../shop/components/ShopError';
import { QrCard } from '../../shop/components/QrCard';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { StoriesSection } from '../../shop/components/StoriesSection';
import { useDocumentTitle } from '../../shop/use-document-title';
import { FundsFigures, UsedByPurpose } from './FundsFigures';

/** One village's public accounts (reached by link or QR): figures, pairing organizations, spending, donations, 监督举报. */
export default function VillageTransparencyPage() {
  const { t } = useTranslation();
  const { slug = '', id = '' } = useParams();
  const q = useVillageTransparency(slug, id);
  const d = q.data;
  const v = d?.village;
  useDocumentTitle(v ? `${v.name} · ${t('transparency.villageTitle')}` : undefined);
  const link = `${window.location.origin}/shop/${slug}/villages/${id}`;
  const qrSrc = `/api/public/${encodeURIComponent(slug)}/villages/${encodeURIComponent(id)}/qr.png`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      Toast.show({ icon: 'success', content: t('transparency.copied') });
    } catch {
      Toast.show({ content: link });
    }
  };

  return (
    <div className="shop-page transparency-page">
      <ShopNavBar slug={slug} title={t('transparency.villageTitle')} cart={false} />
      {q.isError ? (
        <ShopError error={q.error} notFound={t('transparency.notFound')} onRetry={() => void q.refetch()} home={`/shop/${slug}`} />
      ) : !d || !v ? (
        <div className="shop-section">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={6} animated />
        </div>
      ) : (
        <>
          <header className="tp-header">
            <h1 data-testid="tp-village-name">
              {v.name} {v.supervised && <span className="tp-tag">{t('transparency.supervised')}</span>}
            </h1>
            <p>
              {d.tenant.region} · {v.township} · {t('transparency.asOf')}
            </p>
          </header>
          <section className="shop-card-block">
            <FundsFigures f={v} testId="tp-village-figures" />
          </section>
          <div className="tp-cta">
            <Link to={`/shop/${slug}/donate?village=${v.villageId}`}>
              <Button block color="primary" size="large" data-testid="tp-donate">
                <HeartFilled /> {t('transparency.donateHere')}
              </Button>
            </Link>
          </div>
          <section className="shop-card-block">
            <div className="shop-block-title">{t('transparency.byPurpose')}</div>
            <UsedByPurpose f={v} />
          </section>
          <section className="shop-card-block">
            <div className="shop-block-title">{t('transparency.organizations')}</div>
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
          </section>
          <StoriesSection slug={slug} villageId={v.villageId} />
          <section className="shop-card-block">
            <div className="shop-block-title">{t('transparencyMore.expenditures')}</div>
            {d.expenditures.length === 0 ? (
              <div className="shop-muted funds-none">{t('transparencyMore.none')}</div>
            ) : (
              <ul className="tp-list">
                {d.expenditures.map((e) => (
                  <li key={e.id}>
                    <div>
                      <div>{e.purpose}</div>
                      <div className="tp-list-sub">
                        {e.date} · {t(`expenditureCategory.${e.category}`)}
                      </div>
                    </div>
                    <Price fen={e.amountFen} size="sm" />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="shop-card-block">
            <div className="shop-block-title">{t('transparencyMore.recentDonations')}</div>
            {d.recentDonations.length === 0 ? (
              <div className="shop-muted funds-none">{t('transparencyMore.none')}</div>
            ) : (
              <ul className="tp-list">
                {d.recentDonations.map((r) => (
                  <li key={r.id}>
                    <div>
                      <div>{r.anonymous || !r.donorName ? t('transparencyMore.anonymousDonor') : r.donorName}</div>
                      <div className="tp-list-sub">
                        {r.date} ·{' '}
                        {r.kind === 'goods'
                          ? `${t('transparencyMore.goodsKind')}${r.description ? ` · ${r.description}` : ''}`
                          : t('transparencyMore.cashKind')}
                      </div>
                    </div>
                    <Price fen={r.amountFen} size="sm" />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="shop-card-block">
            <div className="shop-block-title">{t('transparency.shareLink')}</div>
            <div className="tp-share">
              <span className="shop-mono">{link}</span>
              <Button size="mini" onClick={() => void copy()}>
                <CopyOutlined /> {t('transparency.copy')}
              </Button>
            </div>
            <div className="shop-muted tp-list-sub">{t('transparencyMore.qrHint')}</div>
          </section>
          <QrCard
            src={qrSrc}
            alt={t('share.villageQrAlt', { name: v.name })}
            title={t('share.villageQrTitle')}
            hint={t('share.villageQrHint')}
            open={t('share.villageQrOpen')}
            testId="village-qr"
          />
          <ConcernForm slug={slug} subject={{ kind: 'village', id: v.villageId }} />
        </>
      )}
    </div>
  );
}
