import { CheckCircleFilled } from '../../shop/components/icons';
import { useTranslation } from 'react-i18next';
import type { FundsFigures as Figures } from '../../../../shared/schemas/transparency';
import { Price } from '../../shop/components/Price';

/** Rule 8 on a phone: cash received, used, balance (and refunded), the identity that ties them, then goods and sales apart. */
export function FundsFigures({ f, testId }: { f: Figures; testId?: string }) {
  const { t } = useTranslation();
  const balanced = f.cashReceivedFen === f.cashUsedFen + f.balanceFen + f.refundedFen;
  return (
    <div className="funds" data-testid={testId}>
      <div className="funds-grid">
        <div className="funds-cell funds-main" data-testid="funds-received" data-fen={f.cashReceivedFen}>
          <span>{t('transparency.received')}</span>
          <Price fen={f.cashReceivedFen} size="lg" />
        </div>
        <div className="funds-cell" data-testid="funds-used" data-fen={f.cashUsedFen}>
          <span>{t('transparency.used')}</span>
          <Price fen={f.cashUsedFen} size="md" />
        </div>
        <div className="funds-cell" data-testid="funds-balance" data-fen={f.balanceFen}>
          <span>{t('transparency.balance')}</span>
          <Price fen={f.balanceFen} size="md" />
        </div>
      </div>
      <div className={`funds-identity${balanced ? '' : ' off'}`} data-testid="funds-identity">
        {balanced && <CheckCircleFilled />}
        <span>{t('transparency.identity', { refunded: f.refundedFen ? t('transparency.identityRefunded') : '' })}</span>
        <span className="funds-identity-sum">
          <Price fen={f.cashReceivedFen} size="sm" /> = <Price fen={f.cashUsedFen} size="sm" /> + <Price fen={f.balanceFen} size="sm" />
          {f.refundedFen ? (
            <>
              {' + '}
              <Price fen={f.refundedFen} size="sm" />
            </>
          ) : null}
        </span>
      </div>
      <dl className="funds-more">
        <dt>{t('transparency.goods')}</dt>
        <dd>
          <Price fen={f.goodsFen} size="sm" />
        </dd>
        <dt>{t('transparency.sales')}</dt>
        <dd>
          <Price fen={f.salesFen} size="sm" /> <span className="shop-muted">{t('transparencyMore.orders', { n: f.paidOrders })}</span>
        </dd>
        <dt>{t('transparency.concerns')}</dt>
        <dd>{t('transparencyMore.concernsLine', { received: f.concernsReceived, resolved: f.concernsResolved })}</dd>
      </dl>
    </div>
  );
}

/** Cash used per purpose, largest first. */
export function UsedByPurpose({ f }: { f: Figures }) {
  const { t } = useTranslation();
  const rows = [...f.usedByPurpose].filter((r) => r.amountFen > 0).sort((a, b) => b.amountFen - a.amountFen);
  if (rows.length === 0) return <div className="shop-muted funds-none">{t('transparency.noSpending')}</div>;
  return (
    <ul className="funds-purposes">
      {rows.map((r) => (
        <li key={r.category}>
          <span>{t(`expenditureCategory.${r.category}`)}</span>
          <span className="funds-purpose-bar" style={{ width: `${Math.max(4, Math.round((r.amountFen / Math.max(1, f.cashUsedFen)) * 100))}%` }} />
          <Price fen={r.amountFen} size="sm" />
        </li>
      ))}
    </ul>
  );
}
