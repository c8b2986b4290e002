import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PRODUCE_CATEGORIES } from '../../../../shared/produce-kinds';
import type { PublicProduce } from '../../../../shared/schemas/produce';
import { usePublicProduceList, usePublicTenant, type ShopFilters } from '../../shop/api';
import { CharityLinks } from '../../shop/components/CharityLinks';
import { EmptyState } from '../../shop/components/EmptyState';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { LoadMore, Skel, SkelLines } from '../../shop/components/Skeleton';
import { ALL_CATEGORIES, CategoryTabs } from './CategoryTabs';
import { ProduceCard } from './ProduceCard';
import { RecentOrdersBar } from './RecentOrdersBar';
import { ShopHero } from './ShopHero';
import { VillageChips, type VillageChip } from './VillageChips';

type Category = PublicProduce['category'];

/** The tenant's consumption-aid shop: who runs it, what it has achieved, and the listings to buy. */
export default function ShopHomePage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const category = (PRODUCE_CATEGORIES as readonly string[]).includes(params.get('category') ?? '') ? (params.get('category') as Category) : undefined;
  const villageId = params.get('village') ?? undefined;
  const filters: ShopFilters = { category, villageId };
  const tenant = usePublicTenant(slug);
  const list = usePublicProduceList(slug, filters);
  const villages = useKnownVillages(list.items);

  const setFilter = (name: 'category' | 'village', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  if (tenant.isError) {
    return (
      <div className="shop-page">
        <ShopNavBar slug={slug} back={false} cart={false} title={t('shop.brand')} />
        <ShopError
          error={tenant.error}
          notFound={t('shop.home.tenantNotFound')}
          hint={t('shop.home.tenantNotFoundHint')}
          onRetry={() => void tenant.refetch()}
        />
      </div>
    );
  }

  return (
    <div className="shop-page shop-home">
      <ShopHero slug={slug} tenant={tenant.data} />
      <RecentOrdersBar slug={slug} />
      <CharityLinks slug={slug} villageId={villageId} />
      <div className="shop-filters" data-testid="shop-filters">
        <CategoryTabs value={category ?? ALL_CATEGORIES} onChange={(k) => setFilter('category', k === ALL_CATEGORIES ? undefined : k)} />
        <VillageChips villages={villages} value={villageId} onChange={(v) => setFilter('village', v)} />
      </div>
      <section className="shop-section">
        {list.isError ? (
          <ShopError error={list.error} notFound={t('shop.home.tenantNotFound')} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <div className="shop-grid" aria-busy="true" data-testid="produce-grid-loading">
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="shop-card shop-card-skeleton">
                <Skel className="shop-skeleton-photo" height="auto" radius={0} />
                <div className="shop-card-body">
                  <SkelLines lines={2} lineHeight="1.45em" />
                  <Skel width="40%" height="22px" />
                  <Skel width="70%" height="18px" />
                </div>
              </div>
            ))}
          </div>
        ) : list.items.length === 0 ? (
          <EmptyState
            kind="empty"
            className="shop-empty"
            title={category || villageId ? t('shop.home.emptyFiltered') : t('shop.home.empty')}
            description={category || villageId ? t('shop.home.emptyFilteredHint') : t('shop.home.emptyHint')}
            testId="shop-empty"
          />
        ) : (
          <>
            <div className="shop-grid" data-testid="produce-grid">
              {list.items.map((p, i) => (
                <ProduceCard key={p.id} slug={slug} produce={p} eager={i === 0} />
              ))}
            </div>
            <LoadMore
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              failed={list.isFetchNextPageError}
              onMore={() => void list.fetchNextPage()}
              labels={{ loading: t('shop.home.loading'), end: t('shop.home.end'), retry: t('shop.home.loadFailedRetry') }}
            />
          </>
        )}
      </section>
      <footer className="shop-footer">
        <div>
          <Link to={`/shop/${slug}/orders/lookup`} data-testid="order-lookup-link">
            {t('orderLookup.link')}
          </Link>
        </div>
        <div>{t('shop.footer.organizer', { name: tenant.data?.name ?? '' })}</div>
        <div>{t('shop.footer.privacy')}</div>
      </footer>
    </div>
  );
}

/**
 * The village filter's choices: every village seen in the listings so far. The public tenant
 * answer has no village list, and the listings are what a donor can buy anyway.
 */
function useKnownVillages(items: PublicProduce[]): VillageChip[] {
  const [known, setKnown] = useState<VillageChip[]>([]);
  useEffect(() => {
    setKnown((prev) => {
      const ids = new Set(prev.map((v) => v.id));
      const added = items
        .filter((p) => !ids.has(p.villageId) && ids.add(p.villageId))
        .map((p) => ({ id: p.villageId, name: p.villageName, township: p.township }));
      return added.length ? [...prev, ...added] : prev;
    });
  }, [items]);
  return known;
}
