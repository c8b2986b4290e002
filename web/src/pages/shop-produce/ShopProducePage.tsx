import { Skeleton } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePublicProduce } from '../../shop/api';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { useDocumentTitle } from '../../shop/use-document-title';
import { BuyBar } from './BuyBar';
import { CharityLinks } from '../../shop/components/CharityLinks';
import { ConcernForm } from '../../shop/components/ConcernForm';
import { ProduceFacts } from './ProduceFacts';
import { ProduceGallery } from './ProduceGallery';
import { QrCard } from '../../shop/components/QrCard';

/** One listing: photos, price and village above the fold, then its facts, adoption terms and QR code. */
export default function ShopProducePage() {
  const { t } = useTranslation();
  const { slug = '', id = '' } = useParams();
  const produce = usePublicProduce(slug, id);
  const p = produce.data;
  useDocumentTitle(p ? `${p.name} · ${p.villageName}` : undefined);

  return (
    <div className="shop-page shop-produce">
      <ShopNavBar slug={slug} title={t('shop.produce.title')} />
      {produce.isError ? (
        <ShopError error={produce.error} notFound={t('shop.produce.notFound')} onRetry={() => void produce.refetch()} home={`/shop/${slug}`} />
      ) : !p ? (
        <div className="shop-section">
          <Skeleton animated className="shop-skeleton-gallery" />
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={4} animated />
        </div>
      ) : (
        <>
          <ProduceGallery produce={p} />
          <ProduceFacts produce={p} />
          <QrCard
            src={p.qrUrl}
            alt={t('shop.produce.qrAlt', { name: p.name })}
            title={t('shop.produce.qrTitle')}
            hint={t('shop.produce.qrHint')}
            open={t('shop.produce.qrOpen')}
            testId="produce-qr"
          />
          <CharityLinks slug={slug} villageId={p.villageId} />
          <ConcernForm slug={slug} subject={{ kind: 'produce', id: p.id }} />
          <BuyBar slug={slug} produce={p} />
        </>
      )}
    </div>
  );
}
