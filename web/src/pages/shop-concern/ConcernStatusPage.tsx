import { List, Skeleton, Steps } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { formatInstant } from '../../lib/dates';
import { useFragmentToken } from '../../shop/fragment-token';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { usePublicConcern, type PublicConcern } from './concern-status-api';
import './concern-status.css';

type Step = { key: string; title: string; description?: string; status?: 'wait' | 'process' | 'finish' | 'error' };

/** 已受理 → 核查中 → 已办结 | 不予受理 (stored: open → investigating → resolved | dismissed). */
function ConcernSteps({ c }: { c: PublicConcern }) {
  const { t } = useTranslation();
  const closed = c.status === 'resolved' || c.status === 'dismissed';
  const steps: Step[] = [
    { key: 'received', title: t('concernStatus.step.received'), description: formatInstant(c.createdAt) },
    { key: 'investigating', title: t('concernStatus.step.investigating') },
    {
      key: 'closed',
      title: closed ? t(`concernStatus.step.${c.status as 'resolved' | 'dismissed'}`) : t('concernStatus.step.closed'),
      description: c.closedAt ? formatInstant(c.closedAt) : undefined,
      status: c.status === 'dismissed' ? 'error' : undefined,
    },
  ];
  const current = { open: 0, investigating: 1, resolved: 2, dismissed: 2 }[c.status];
  return (
    <div className="shop-card-block shop-steps" data-testid="concern-steps">
      <Steps current={current}>
        {steps.map((s) => (
          <Steps.Step key={s.key} title={s.title} description={s.description} status={s.status} />
        ))}
      </Steps>
    </div>
  );
}

/**
 * The reporter's status page: its ticket, where it stands and the organizer's reply,
 * through the status token in the link's fragment (sent as X-Status-Token). Never the text it wrote
 * nor its contact: the server does not send them.
 */
export default function ConcernStatusPage() {
  const { t } = useTranslation();
  const { slug = '', id = '' } = useParams();
  const token = useFragmentToken();
  const q = usePublicConcern(slug, id, token);
  const c = q.data;
  const home = `/shop/${slug}`;

  return (
    <div className="shop-page concern-status">
      <ShopNavBar slug={slug} title={t('concernStatus.title')} cart={false} />
      <main>
        {!token ? (
          <ShopError error={null} notFound={t('concernStatus.notFound')} hint={t('concernStatus.notFoundHint')} home={home} />
        ) : q.isError ? (
          q.error instanceof ApiError && q.error.status === 429 ? (
            <ShopError error={q.error} notFound={t('concernStatus.notFound')} hint={t('concernStatus.tooMany')} home={home} />
          ) : (
            <ShopError
              error={q.error}
              notFound={t('concernStatus.notFound')}
              hint={t('concernStatus.notFoundHint')}
              onRetry={() => void q.refetch()}
              home={home}
            />
          )
        ) : !c ? (
          <div className="shop-section" aria-busy="true">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={6} animated />
          </div>
        ) : (
          <div data-testid="concern-status">
            <section className="concern-status-banner" aria-live="polite">
              <div className="concern-status-label">{t('concernStatus.statusLabel')}</div>
              <h1 className={`concern-status-now status-${c.status}`} data-testid="concern-status-now">
                {t(`concernStatus.statuses.${c.status}`)}
              </h1>
              <div className="concern-status-ticket">
                {t('concernStatus.ticketNo')}
                {t('concernStatus.colon')}
                <span className="shop-mono" data-testid="concern-ticket">
                  {c.ticketNo}
                </span>
              </div>
            </section>
            <ConcernSteps c={c} />
            <section className="concern-status-reply" aria-labelledby="concern-reply-title" data-testid="concern-reply">
              <h2 id="concern-reply-title">{t('concernStatus.reply')}</h2>
              {c.reply ? (
                <>
                  <p className="concern-status-reply-text">{c.reply}</p>
                  {c.repliedAt && (
                    <div className="concern-status-reply-at">
                      {t('concernStatus.repliedAt')}
                      {t('concernStatus.colon')}
                      {formatInstant(c.repliedAt)}
                    </div>
                  )}
                </>
              ) : (
                <p className="concern-status-reply-empty">{t('concernStatus.noReply')}</p>
              )}
            </section>
            <List className="shop-facts">
              <List.Item extra={`${t(`concernStatus.subjectKinds.${c.subjectKind}`)} · ${c.subjectName}`}>{t('concernStatus.subject')}</List.Item>
              <List.Item extra={formatInstant(c.createdAt)}>{t('concernStatus.filedAt')}</List.Item>
              <List.Item extra={formatInstant(c.updatedAt)}>{t('concernStatus.updatedAt')}</List.Item>
              {c.closedAt && <List.Item extra={formatInstant(c.closedAt)}>{t('concernStatus.closedAt')}</List.Item>}
            </List>
            <p className="shop-fineprint">{t('concernStatus.keepLink')}</p>
            <p className="shop-fineprint">
              <Link to={home}>{t('shop.backToShop')}</Link>
            </p>
          </div>
        )}
      </main>
    </div>
  );
}
