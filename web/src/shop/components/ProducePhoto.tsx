import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicProduce } from '../../../../shared/schemas/produce';

type Category = PublicProduce['category'];

/** A listing's photo (its address from the API), or — when it has none or it fails to load — a quiet card in its category's colours. */
export function ProducePhoto({ src, category, name, className }: { src?: string; category: Category; name: string; className?: string }) {
  const [failed, setFailed] = useState(false);
  if (src && !failed) {
    return <img className={`shop-photo ${className ?? ''}`} src={src} alt={name} loading="lazy" onError={() => setFailed(true)} />;
  }
  return <PhotoPlaceholder category={category} className={className} />;
}

export function PhotoPlaceholder({ category, className }: { category: Category; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`shop-photo shop-photo-empty cat-${category} ${className ?? ''}`} role="img" aria-label={t('shop.noPhoto')}>
      <svg viewBox="0 0 64 64" className="shop-photo-sprout" aria-hidden="true">
        <path d="M32 58V30" />
        <path d="M32 34c0-10 8-17 20-17 0 11-8 17-20 17z" />
        <path d="M32 40c0-9-7-15-18-15 0 10 7 15 18 15z" />
      </svg>
      <span className="shop-photo-label">{t(`produceCategory.${category}`)}</span>
    </div>
  );
}
