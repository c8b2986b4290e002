import { HeartFilled } from '../../shop/components/icons';
import { Selector, Toast } from '../../shop/mobile';
import { Skel } from '../../shop/components/Skeleton';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { idempotencyKey } from '../../api/client-key';
import { useDescribeError } from '../../api/describe';
import { yuanToFen } from '../../lib/money';
import { rememberDonation, useDonate } from '../../shop/charity-api';
import { campaignOf } from '../../shop/cart';
import { Price } from '../../shop/components/Price';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { useDocumentTitle } from '../../shop/use-document-title';
import { DONOR_NAME_MAX, isDonationAmount } from '../../../../shared/formats';
import type { DonateInput } from '../../../../shared/schemas/donations';
import { useDonateVillages } from './use-donate-villages';

const PRESETS_YUAN = [50, 100, 200, 500];
const CUSTOM = 'custom';

/** 爱心捐赠 on a phone: a village, an amount (presets or typed yuan → fen), a name or anonymity, then the checkout. */
export default function ShopDonatePage() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  useDocumentTitle(t('donate.title'));
  const { villages, loading } = useDonateVillages(slug);
  const [picked, setPicked] = useState<string | undefined>();
  // from a village's page (?village=<id>): that village, if it is one a donor can choose; else ignored
  const fromLink = params.get('village');
  // through a campaign's link (?campaign=) or its page seen earlier: the donation carries it
  const campaignId = params.get('campaign') ?? campaignOf(slug)?.id;
  const linked = fromLink && villages.some((v) => v.id === fromLink) ? fromLink : undefined;
  const villageId = picked ?? linked ?? (villages.length === 1 ? villages[0]?.id : undefined);
  const village = villages.find((v) => v.id === villageId);
  const [preset, setPreset] = useState<string>('100');
  const [custom, setCustom] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [donorName, setDonorName] = useState('');
  const donate = useDonate(slug);
  // one key per attempt: the same form sent again (a double tap, a retry) reuses it
  const attempt = useRef<{ sig: string; key: string } | null>(null);

  const amountFen = useMemo(() => (preset === CUSTOM ? yuanToFen(custom) : Number(preset) * 100), [preset, custom]);
  // the schema's own limits (shared/formats.ts, which DonateInput is built from): the server checks
  // the same again, and the page does not download the schema library for two fields
  const name = anonymous ? '' : donorName.trim();
  const amountOk = isDonationAmount(amountFen);
  const nameOk = name.length <= DONOR_NAME_MAX;
  const request: DonateInput | null =
    village && amountOk && nameOk
      ? { villageId: village.id, amountFen, anonymous, ...(name ? { donorName: name } : {}), ...(campaignId ? { campaignId } : {}) }
      : null;
  const ready = request !== null;
  // a disabled button says why (tied to it by aria-describedby)
  const why =
    ready || loading
      ? ''
      : villages.length === 0
        ? t('share.donateWhyNoVillage')
        : !village
          ? t('share.donateWhyVillage')
          : !amountOk
            ? t('share.donateWhyAmount')
            : !nameOk
              ? t('share.donateWhyName')
              : '';

  const submit = async () => {
    if (!village || !request || amountFen === undefined) return;
    const sig = JSON.stringify(request);
    if (attempt.current?.sig !== sig) attempt.current = { sig, key: idempotencyKey() };
    try {
      const r = await donate.mutateAsync({ request, key: attempt.current.key });
      rememberDonation(slug, { donationId: r.donationId, token: r.receiptToken, villageId: village.id, villageName: village.name, amountFen });
      const target = new URL(r.checkoutUrl, window.location.origin);
      if (target.origin === window.location.origin) void navigate(target.pathname + target.search);
      else window.location.href = target.href;
    } catch (e) {
      Toast.show({ icon: 'fail', content: describe(e), duration: 3000 });
    }
  };

  return (
    <div className="shop-page donate-page">
      <ShopNavBar slug={slug} title={t('donate.title')} cart={false} />
      <section className="donate-banner">
        <HeartFilled className="donate-banner-icon" />
        <div>
          <div className="donate-banner-title">{t('donate.title')}</div>
          <div className="donate-banner-hint">{t('donate.entryHint')}</div>
        </div>
      </section>
      <section className="shop-card-block" data-testid="donate-villages">
        <div className="shop-block-title">{t('donate.village')}</div>
        {loading ? (
          // shaped like the choices to come (two rows of two), so the amounts below move as little as possible
          <div className="donate-villages-loading" aria-busy="true">
            {[0, 1, 2, 3].map((i) => (
              <Skel key={i} height="100%" radius={8} />
            ))}
          </div>
        ) : villages.length === 0 ? (
          <div className="shop-muted">{t('donate.villageNone')}</div>
        ) : (
          <Selector
            columns={2}
            value={villageId ? [villageId] : []}
            onChange={(v) => v[0] && setPicked(v[0])}
            options={villages.map((v) => ({ value: v.id, label: v.name, description: v.township }))}
          />
        )}
      </section>
      <section className="shop-card-block" data-testid="donate-amounts">
        <div className="shop-block-title">{t('donate.amount')}</div>
        <Selector
          columns={3}
          value={[preset]}
          onChange={(v) => v[0] && setPreset(v[0])}
          options={[...PRESETS_YUAN.map((y) => ({ value: String(y), label: `¥${y}` })), { value: CUSTOM, label: t('donate.custom') }]}
        />
        {preset === CUSTOM && (
          <div className="donate-custom">
            <span className="donate-custom-sign">¥</span>
            <span className="donate-input" data-testid="donate-custom">
              <input
                className="shop-input"
                inputMode="decimal"
                aria-label={t('donate.custom')}
                placeholder={t('donate.customPlaceholder')}
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                autoFocus
              />
            </span>
          </div>
        )}
        {preset === CUSTOM && custom !== '' && !amountOk && <div className="donate-error">{t('donate.amountInvalid')}</div>}
      </section>
      <section className="shop-card-block">
        <div className="donate-row">
          <div>
            <div>{t('donate.anonymous')}</div>
            <div className="shop-muted donate-row-hint">{t('donate.anonymousHint')}</div>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={anonymous}
            aria-label={t('donate.anonymous')}
            className={`shop-switch${anonymous ? ' on' : ''}`}
            onClick={() => setAnonymous(!anonymous)}
            data-testid="donate-anonymous"
          >
            <span className="shop-switch-knob" />
          </button>
        </div>
        {!anonymous && (
          <div className="donate-name">
            <label className="donate-label" htmlFor="donate-name-input">
              {t('donate.donorName')}
            </label>
            <span className="donate-input" data-testid="donate-name">
              <input
                id="donate-name-input"
                className="shop-input"
                placeholder={t('donate.donorNamePlaceholder')}
                value={donorName}
                onChange={(e) => setDonorName(e.target.value)}
                maxLength={110}
                autoComplete="name"
              />
            </span>
            {!nameOk && <div className="donate-error">{t('donate.nameTooLong', { n: DONOR_NAME_MAX })}</div>}
          </div>
        )}
      </section>
      <p className="donate-promise">
        {t('donate.promise')} <Link to={`/shop/${slug}/transparency`}>{t('donate.transparencyLink')}</Link>
      </p>
      <div className="donate-bar">
        <button
          type="button"
          className="shop-button shop-button-primary shop-button-block donate-submit"
          disabled={!ready || donate.isPending}
          aria-busy={donate.isPending}
          onClick={() => void submit()}
          data-testid="donate-submit"
          aria-describedby={why ? 'donate-why' : undefined}
        >
          {donate.isPending && <span className="shop-spinner" aria-hidden="true" />}
          {amountOk && amountFen !== undefined ? t('donate.submit', { amount: '' }) : t('donate.submit', { amount: '' }).trim()}
          {amountOk && amountFen !== undefined && <Price fen={amountFen} size="sm" />}
        </button>
        <div
          id="donate-why"
          className="shop-muted"
          data-testid="donate-why"
          aria-live="polite"
          style={{ minHeight: 18, marginTop: 4, fontSize: 12, lineHeight: '18px', textAlign: 'center' }}
        >
          {why}
        </div>
      </div>
    </div>
  );
}
