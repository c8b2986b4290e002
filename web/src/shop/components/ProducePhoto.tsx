import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicProduce } from '../../../../shared/schemas/produce';

type Category = PublicProduce['category'];

/** How wide a listing card's photo shows: half the phone's width, a column of the grid on wider screens. */
export const CARD_PHOTO_SIZES = '(min-width: 768px) 240px, 50vw';

/**
 * A listing's photo (its address from the API), or — when it has none or it fails to load — a quiet
 * card in its category's colours. With `srcSet` (the listing's `photoSrcSets[i]`: its 320 and 800 px
 * WebP sizes, issue 16) the browser picks the size `sizes` asks for; a photo from before the sizes
 * has none and shows its original. Lazy unless `eager` (the first card, the gallery's first photo):
 * the box around it fixes its shape (aspect-ratio in shop.css) and width/height give the image its
 * own, so nothing moves when it arrives.
 */
export function ProducePhoto({
  src,
  category,
  name,
  className,
  srcSet,
  sizes,
  eager,
}: {
  src?: string;
  category: Category;
  name: string;
  className?: string;
  srcSet?: string;
  sizes?: string;
  eager?: boolean;
}) {
  const [failed, setFailed] = useState(false);
  if (src && !failed) {
    return (
      <img
        className={`shop-photo ${className ?? ''}`}
        src={src}
        srcSet={srcSet || undefined}
        sizes={srcSet ? (sizes ?? CARD_PHOTO_SIZES) : undefined}
        width={800}
        height={800}
        alt={name}
        loading={eager ? 'eager' : 'lazy'}
        fetchPriority={eager ? 'high' : undefined}
        decoding="async"
        onError={() => setFailed(true)}
      />
    );
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
