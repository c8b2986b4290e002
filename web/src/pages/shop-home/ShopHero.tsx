import { useTranslation } from 'react-i18next';
import type { PublicTenant } from '../../../../shared/schemas/shop';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { Skel } from '../../shop/components/Skeleton';
import { useDocumentTitle } from '../../shop/use-document-title';

/** The programme above the fold: who runs it, where, and what it has achieved so far. */
export function ShopHero({ slug, tenant }: { slug: string; tenant: PublicTenant | undefined }) {
  const { t } = useTranslation();
  useDocumentTitle(tenant ? t('shop.home.title', { name: tenant.name }) : undefined);
  // the four figures keep their places while the tenant loads: labels at once, numbers when known
  const figures = [
    { key: 'villages', n: tenant?.figures.villages, label: t('shop.home.figVillages') },
    { key: 'supervised', n: tenant?.figures.supervisedVillages, label: t('shop.home.figSupervised') },
    { key: 'pairings', n: tenant?.figures.activePairings, label: t('shop.home.figPairings') },
    { key: 'listings', n: tenant?.figures.publishedListings, label: t('shop.home.figListings') },
  ];
  return (
    <header className="shop-hero" data-testid="shop-hero">
      <ShopNavBar slug={slug} back={false} title={<span className="shop-hero-brand">{t('shop.brand')}</span>} />
      <div className="shop-hero-body">
        {/* the words that do not depend on the tenant are drawn at once; the name and region keep their line's height while they load */}
        <div className="shop-hero-kicker">{t('shop.home.kicker')}</div>
        <h1 className="shop-hero-title" data-testid={tenant ? 'shop-title' : undefined}>
          {tenant ? t('shop.home.title', { name: tenant.name }) : <Skel width="70%" height="0.9em" />}
        </h1>
        <div className="shop-hero-region">{tenant ? tenant.region : <Skel width="45%" height="0.9em" />}</div>
        <p className="shop-hero-slogan">{t('shop.home.slogan')}</p>
      </div>
      <div className="shop-figures">
        {figures.map((f) => (
          <div key={f.key} className="shop-figure" data-testid={`figure-${f.key}`}>
            <b>{f.n ?? <Skel width="1.4em" height="0.8em" />}</b>
            <span>{f.label}</span>
          </div>
        ))}
      </div>
    </header>
  );
}
