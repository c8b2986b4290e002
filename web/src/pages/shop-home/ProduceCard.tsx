import { EnvironmentOutlined } from '../../shop/components/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicProduce } from '../../../../shared/schemas/produce';
import { Price } from '../../shop/components/Price';
import { ProducePhoto } from '../../shop/components/ProducePhoto';

const FEW = 5;

/** One listing in the grid: photo, name, village, price; a badge when it is an adoption or nearly gone. */
export function ProduceCard({
  slug,
  produce: p,
  eager,
}: {
  slug: string;
  produce: PublicProduce;
  /** the first card: its photo loads at once */ eager?: boolean;
}) {
  const { t } = useTranslation();
  const soldOut = p.available <= 0;
  return (
    <Link to={`/shop/${slug}/produce/${p.id}`} className={`shop-card${soldOut ? ' sold-out' : ''}`} data-testid="produce-card" data-name={p.name}>
      <div className="shop-card-photo">
        <ProducePhoto src={p.photoUrls[0]} srcSet={p.photoSrcSets?.[0]} eager={eager} category={p.category} name={p.name} />
        {p.kind === 'adoption' && <span className="shop-badge shop-badge-adopt">{t('shop.adoptionBadge')} </span>}
        {soldOut && <span className="shop-card-soldout">{t('shop.soldOut')}</span>}
      </div>
      <div className="shop-card-body">
        <div className="shop-card-name">
          {p.certificationNo && <span className="shop-badge shop-badge-cert">{t('shop.certifiedShort')}</span>} {p.name}
        </div>
        <div className="shop-card-village">
          <EnvironmentOutlined /> {p.villageName} · {p.township}
        </div>
        <div className="shop-card-foot">
          <Price fen={p.priceFen} unit={p.unit} />
          {!soldOut && p.available <= FEW && <span className="shop-few">{t('shop.fewLeft', { n: p.available })}</span>}
        </div>
      </div>
    </Link>
  );
}
