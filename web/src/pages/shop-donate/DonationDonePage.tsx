import { FileTextOutlined } from '../../shop/components/icons';
import { Button, Result, Toast } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { recallDonation, receiptUrl, usePublicDonation } from '../../shop/charity-api';
import { openWithToken, useFragmentToken } from '../../shop/fragment-token';
import { Price } from '../../shop/components/Price';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { StoriesSection } from '../../shop/components/StoriesSection';
import { useDocumentTitle } from '../../shop/use-document-title';

/** Back from the checkout: thanks, what was given to which village, and the link to the server's printable receipt. */
export default function DonationDonePage() {
  const { t } = useTranslation();
  const { slug = '', donationId = '' } = useParams();
  const [params] = useSearchParams();
  useDocumentTitle(t('donate.doneTitle'));
  const remembered = recallDonation(slug, donationId);
  const fromLink = useFragmentToken();
  const token = fromLink || remembered?.token || '';
  const status = usePublicDonation(slug, donationId, token);
  const live = status.data;
  const cancelled = params.get('status') === 'cancelled' || params.get('cancelled') === '1' || live?.status === 'expired';
  const pending = live?.status === 'pending_payment';
  const shown = live ? { villageId: live.villageId, villageName: live.villageName, amountFen: live.amountFen } : remembered;
  return (
    <div className="shop-page donate-done">
      <ShopNavBar slug={slug} back={false} cart={false} title={t('donate.title')} />
      <Result
        status={cancelled ? 'warning' : pending ? 'waiting' : 'success'}
        title={cancelled ? t('checkout.cancelled') : pending ? t('donate.pendingTitle') : t('donate.doneTitle')}
        description={
          shown ? (
            <span data-testid="donation-done-summary" data-status={live?.status ?? ''}>
              {t('donate.doneText', { village: shown.villageName })} <Price fen={shown.amountFen} size="md" />
              {live?.serialNo && <span className="donate-serial">{live.serialNo}</span>}
            </span>
          ) : (
            t('donate.doneNoInfo')
          )
        }
      />
      <section className="shop-card-block donate-done-actions">
        {token && !cancelled && !pending && (
          <>
            <Button
              block
              color="primary"
              size="large"
              data-testid="donation-receipt"
              onClick={() =>
                void openWithToken(receiptUrl(slug, donationId), token).catch(() => Toast.show({ icon: 'fail', content: t('donate.receiptFailed') }))
              }
            >
              <FileTextOutlined /> {t('donate.receipt')}
            </Button>
            <p className="shop-muted donate-receipt-hint">{t('donate.receiptHint')}</p>
          </>
        )}
        {shown && (
          <Link to={`/shop/${slug}/villages/${shown.villageId}`}>
            <Button block fill="outline" size="large" data-testid="donation-village-link">
              {t('transparency.villageTitle')} · {shown.villageName}
            </Button>
          </Link>
        )}
        <Link to={`/shop/${slug}/donate${shown ? `?village=${shown.villageId}` : ''}`}>
          <Button block fill="none">
            {t('donate.again')}
          </Button>
        </Link>
        <Link to={`/shop/${slug}`}>
          <Button block fill="none">
            {t('donate.backToShop')}
          </Button>
        </Link>
      </section>
      {shown && !cancelled && (
        <StoriesSection slug={slug} villageId={shown.villageId} title={t('story.yourVillages')} hint={t('story.yourVillagesHint')} limit={3} />
      )}
    </div>
  );
}
