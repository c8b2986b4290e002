import { EnvironmentOutlined } from '@ant-design/icons';
import { Swiper } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { PublicProduce } from '../../../../shared/schemas/produce';
import { Price } from '../../shop/components/Price';
import { PhotoPlaceholder, ProducePhoto } from '../../shop/components/ProducePhoto';

/** Above the fold: the photos, the price band, the name and the village it helps. */
export function ProduceGallery({ slug, produce: p }: { slug: string; produce: PublicProduce }) {
  const { t } = useTranslation();
  const soldOut = p.available <= 0;
  return (
    <>
      <div className="shop-gallery" data-testid="produce-gallery">
        {p.photoUrls.length > 0 ? (
          <Swiper loop={p.photoUrls.length > 1} indicator={(total, current) => <span className="shop-gallery-count">{`${current + 1}/${total}`}</span>}>
            {p.photoUrls.map((src) => (
              <Swiper.Item key={src}>
                <ProducePhoto src={src} category={p.category} name={p.name} className="shop-gallery-photo" />
              </Swiper.Item>
            ))}
          </Swiper>
        ) : (
          <PhotoPlaceholder category={p.category} className="shop-gallery-photo" />
        )}
      </div>
      <div className="shop-price-band">
        <Price fen={p.priceFen} size="xl" unit={p.unit} />
        <span className="shop-price-band-stock" data-testid="produce-available">
          {soldOut ? t('shop.soldOut') : t('shop.produce.available', { n: p.available, unit: p.unit })}
        </span>
      </div>
      <div className="shop-card-block shop-title-block">
        <h1 className="shop-produce-name" data-testid="produce-name">
          {p.kind === 'adoption' && <span className="shop-badge shop-badge-adopt">{t('shop.adoptionBadge')}</span>}
          {p.name}
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
