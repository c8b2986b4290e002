import { PrinterOutlined } from '../../shop/components/icons';
import { useTranslation } from 'react-i18next';
import type { PublicProduce } from '../../../../shared/schemas/produce';

/** The listing's QR code (the server draws it), for a market stall or a box; printable on its own. */
export function QrCard({ produce: p }: { produce: PublicProduce }) {
  const { t } = useTranslation();
  const src = p.qrUrl;
  return (
    <div className="shop-card-block shop-qr" data-testid="produce-qr">
      <img src={src} alt={t('shop.produce.qrAlt', { name: p.name })} width={132} height={132} loading="lazy" />
      <div className="shop-qr-text">
        <div className="shop-block-title">{t('shop.produce.qrTitle')}</div>
        <p className="shop-muted">{t('shop.produce.qrHint')}</p>
        <a href={src} target="_blank" rel="noreferrer" className="shop-qr-print">
          <PrinterOutlined /> {t('shop.produce.qrOpen')}
        </a>
      </div>
    </div>
  );
}
