import { CheckCircleFilled, LockOutlined } from '../../shop/components/icons';
import { Button, Dialog, NoticeBar, Skeleton, Toast } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { useCheckoutDecision, useCheckoutSession } from '../../shop/api';
import { recallDonation } from '../../shop/charity-api';
import { EmptyState } from '../../shop/components/EmptyState';
import { LangToggle } from '../../shop/components/LangToggle';
import { Price } from '../../shop/components/Price';
import { ShopError } from '../../shop/components/ShopError';
import { mmss, useSecondsLeft } from './use-countdown';
import { useFormat } from '../../lib/format-list';

const CLOSED = ['complete', 'paid', 'expired', 'cancelled', 'canceled'];

/** A donation's session (kind 'donation'): read loosely until its schema is in the contract. */
type DonationFacts = {
  donationId?: string;
  villageName?: string;
  amountFen?: number;
  totalFen?: number;
  donationToken?: string;
  receiptToken?: string;
  tenantSlug?: string;
};

/**
 * The local stand-in for Stripe's hosted checkout (no STRIPE_SECRET_KEY): the amount, the lines,
 * the time left on the stock hold, and 支付 / 取消, which make the server deliver the signed
 * Stripe-shaped event to its own webhook. Then back to the order page.
 */
export default function LocalCheckoutPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const describe = useDescribeError();
  const { sessionId = '' } = useParams();
  const session = useCheckoutSession(sessionId);
  const decide = useCheckoutDecision(sessionId);
  const s = session.data;
  const donation = (s as { kind?: string } | undefined)?.kind === 'donation' ? (s as unknown as DonationFacts) : undefined;
  const amountFen = donation ? (donation.amountFen ?? donation.totalFen ?? 0) : (s?.totalFen ?? 0);
  const lines = donation ? [] : (s?.lines ?? []);
  const left = useSecondsLeft(s?.expiresAt);
  const timedOut = left === 0;
  const open = !!s && !CLOSED.includes(s.status) && !timedOut;

  const goBack = (returnUrl?: string, decision?: 'pay' | 'cancel') => {
    if (!s) return;
    if (donation?.donationId && donation.tenantSlug) {
      // back to this app's donation-done page, which links the server's receipt
      const remembered = recallDonation(donation.tenantSlug, donation.donationId);
      const token = donation.receiptToken ?? donation.donationToken ?? remembered?.token ?? '';
      const q = decision === 'cancel' ? '?status=cancelled' : '';
      void navigate(`/shop/${donation.tenantSlug}/donations/${donation.donationId}${q}${token ? `#token=${encodeURIComponent(token)}` : ''}`, {
        replace: true,
      });
      return;
    }
    const target = new URL(returnUrl ?? s.returnUrl, window.location.origin);
    if (target.origin === window.location.origin) void navigate(target.pathname + target.search + target.hash, { replace: true });
    else window.location.href = target.href;
  };

  const act = async (decision: 'pay' | 'cancel') => {
    if (decision === 'cancel') {
      const ok = await Dialog.confirm({
        content: donation ? t('donate.cancelConfirm') : t('checkout.cancelConfirm'),
        confirmText: t('checkout.cancelYes'),
        cancelText: t('checkout.cancelNo'),
      });
      if (!ok) return;
    }
    try {
      const answer = await decide.mutateAsync(decision);
      Toast.show({ icon: decision === 'pay' ? 'success' : undefined, content: t(decision === 'pay' ? 'checkout.paid' : 'checkout.cancelled') });
      goBack(answer.returnUrl, decision);
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError && e.status === 409 ? t('checkout.alreadyClosed') : describe(e), duration: 3000 });
      void session.refetch();
    }
  };

  return (
    <div className="shop-page checkout-page">
      <header className="checkout-header">
        <div className="checkout-brand">
          <LockOutlined /> {t('checkout.brand')}
          <span className="checkout-test-tag">{t('checkout.testTag')}</span>
        </div>
        <LangToggle />
      </header>
      <NoticeBar color="alert" wrap content={t('checkout.testNotice')} data-testid="checkout-test-notice" />
      {session.isError ? (
        <ShopError error={session.error} notFound={t('checkout.notFound')} hint={t('checkout.notFoundHint')} onRetry={() => void session.refetch()} />
      ) : !s ? (
        <div className="shop-section">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={5} animated />
        </div>
      ) : (
        <>
          <section className="checkout-amount" data-testid="checkout-amount">
            <div className="shop-muted">{t('checkout.amount')}</div>
            <Price fen={amountFen} size="xl" />
            {donation ? (
              <div className="checkout-donation" data-testid="checkout-donation">
                <div className="checkout-donation-title">{t('donate.kind')}</div>
                <div className="checkout-donation-village">{donation.villageName}</div>
              </div>
            ) : (
              <div className="checkout-order-no">{t('checkout.orderNo', { id: s.orderId })}</div>
            )}
            {open && left !== undefined && (
              <div className="checkout-countdown" data-testid="checkout-countdown">
                {t('checkout.timeLeft')} <b>{mmss(left)}</b>
              </div>
            )}
          </section>
          {!open && (
            <EmptyState
              kind="empty"
              className="checkout-closed"
              title={timedOut ? t('checkout.timedOut') : t('checkout.closed')}
              description={t('checkout.closedHint')}
            >
              <Button color="primary" onClick={() => goBack()}>
                {donation ? t('donate.title') : t('checkout.viewOrder')}
              </Button>
            </EmptyState>
          )}
          {!donation && (
            <section className="shop-card-block" data-testid="checkout-lines">
              <div className="shop-block-title">{t('checkout.linesTitle')}</div>
              <ul className="shop-order-lines">
                {lines.map((l) => (
                  <li key={l.produceId}>
                    <div className="shop-order-line-main">
                      <span className="shop-order-line-name">{l.name}</span>
                      <Price fen={l.priceFen * l.quantity} size="sm" />
                    </div>
                    <div className="shop-order-line-sub">
                      <span>{l.villageName}</span>
                      <span>{t('shop.order.lineQty', { price: (l.priceFen / 100).toFixed(2), qty: fmt.qty(l.quantity, l.unit) })}</span>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="shop-card-block checkout-method">
            <div className="shop-block-title">{t('checkout.method')}</div>
            <div className="checkout-method-row">
              <span className="checkout-method-icon">¥</span>
              <span>{t('checkout.methodLocal')}</span>
              <CheckCircleFilled className="checkout-radio" aria-checked="true" role="radio" />
            </div>
          </section>
          {open && (
            <div className="checkout-actions">
              <Button
                block
                color="primary"
                size="large"
                className="checkout-pay"
                loading={decide.isPending && decide.variables === 'pay'}
                onClick={() => void act('pay')}
                data-testid="checkout-pay"
              >
                {t('checkout.pay')} <Price fen={amountFen} size="sm" />
              </Button>
              <Button
                block
                size="large"
                fill="outline"
                className="checkout-cancel"
                disabled={decide.isPending}
                onClick={() => void act('cancel')}
                data-testid="checkout-cancel"
              >
                {t('checkout.cancel')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
