import { EnvironmentOutlined } from '../../shop/components/icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicProduce } from '../../../../shared/schemas/produce';
import { Price } from '../../shop/components/Price';
import { PhotoPlaceholder, ProducePhoto } from '../../shop/components/ProducePhoto';
import { useFormat } from '../../lib/format-list';

/** Above the fold: the photos, the price band, the name and the village it helps. */
export function ProduceGallery({ produce: p }: { produce: PublicProduce }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const soldOut = p.available <= 0;
  return (
    <>
      <div className="shop-gallery" data-testid="produce-gallery">
        {p.photoUrls.length > 0 ? (
          <PhotoStrip count={p.photoUrls.length} label={p.name}>
            {p.photoUrls.map((src, i) => (
              <li key={src} className="shop-strip-item" aria-label={`${i + 1}/${p.photoUrls.length}`}>
                <ProducePhoto
                  src={src}
                  srcSet={p.photoSrcSets?.[i]}
                  sizes="(min-width: 768px) 720px, 100vw"
                  eager={i === 0}
                  category={p.category}
                  name={p.name}
                  className="shop-gallery-photo"
                />
              </li>
            ))}
          </PhotoStrip>
        ) : (
          <PhotoPlaceholder category={p.category} className="shop-gallery-photo" />
        )}
      </div>
      <div className="shop-price-band">
        <Price fen={p.priceFen} size="xl" unit={p.unit} />
        <span className="shop-price-band-stock" data-testid="produce-available">
          {soldOut ? t('shop.soldOut') : t('shop.produce.available', { qty: fmt.qty(p.available, p.unit) })}
        </span>
      </div>
      <div className="shop-card-block shop-title-block">
        <h1 className="shop-produce-name" data-testid="produce-name">
          {p.kind === 'adoption' && <span className="shop-badge shop-badge-adopt">{t('shop.adoptionBadge')}</span>} {p.name}
        </h1>
        <div className="shop-village-line" data-testid="produce-village">
          <EnvironmentOutlined />
          <span className="shop-village-name">{p.villageName}</span>
          <span className="shop-muted">{p.township}</span>
        </div>
        <div className="shop-tag-row">
          {p.certificationNo && <span className="shop-tag shop-tag-cert">{t('shop.produce.certifiedTag')}</span>}
          {p.originLabel && <span className="shop-tag">{p.originLabel}</span>}
          <span className="shop-tag">{t(`produceCategory.${p.category}`)}</span>
        </div>
      </div>
    </>
  );
}

/**
 * The photos side by side, one screen wide each, swiped with the browser's own scroll snapping (no
 * gesture library on the page); the counter follows the photo in view.
 */
function PhotoStrip({ count, label, children }: { count: number; label: string; children: React.ReactNode }) {
  const strip = useRef<HTMLUListElement>(null);
  const [current, setCurrent] = useState(0);
  const onScroll = () => {
    const el = strip.current;
    if (el && el.clientWidth > 0) setCurrent(Math.min(count - 1, Math.max(0, Math.round(el.scrollLeft / el.clientWidth))));
  };
  return (
    <>
      <ul ref={strip} className="shop-strip" aria-label={label} onScroll={onScroll} tabIndex={count > 1 ? 0 : undefined}>
        {children}
      </ul>
      {count > 1 && (
        <span className="shop-gallery-count" aria-hidden="true">
          {`${current + 1}/${count}`}
        </span>
      )}
    </>
  );
}
