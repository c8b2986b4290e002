import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, CopyOutlined, StarOutlined } from '../../shop/components/icons';
import { Button, Skeleton, Steps, Toast } from '../../shop/mobile';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { ApplicationStatusView } from '../../../../shared/schemas/accounts';
import { formatInstant } from '../../lib/dates';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { usePublicApplication } from '../../shop/join-api';
import { useDocumentTitle } from '../../shop/use-document-title';

type Status = ApplicationStatusView['status'];

const ICONS: Record<Status, ReactNode> = { pending: <ClockCircleFilled />, approved: <CheckCircleFilled />, rejected: <CloseCircleFilled /> };
const STEP: Record<Status, number> = { pending: 1, approved: 2, rejected: 1 };

/** The fragment's token (#…): the part of a link a browser never sends to any server. */
function tokenOf(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}

/**
 * The applicant's page: where its application stands, the reason when rejected, what to do next,
 * and a reminder to keep the link (its token is the only way back here).
 */
export default function JoinStatusPage() {
  const { t } = useTranslation();
  const { slug = '', applicationId = '' } = useParams();
  const { hash } = useLocation();
  useDocumentTitle(t('joinStatus.title'));
  const token = tokenOf(hash);
  const application = usePublicApplication(slug, applicationId, token);
  const a = application.data;
  // arriving from the long form: start at the top, where the status is
  useEffect(() => window.scrollTo(0, 0), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      Toast.show({ icon: 'success', content: t('joinStatus.copied') });
    } catch {
      Toast.show({ content: t('joinStatus.copyFailed') });
    }
  };

  return (
    <div className="shop-page join-status">
      <ShopNavBar slug={slug} title={t('joinStatus.title')} cart={false} back={false} />
      {!token ? (
        <ShopError error={null} notFound={t('joinStatus.noToken')} hint={t('joinStatus.noTokenHint')} />
      ) : application.isError ? (
        <ShopError
          error={application.error}
          notFound={t('joinStatus.notFound')}
          hint={t('joinStatus.notFoundHint')}
          onRetry={() => void application.refetch()}
        />
      ) : !a ? (
        <div className="shop-section">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={6} animated />
        </div>
      ) : (
        <>
          <div className={`shop-status-banner join-status-${a.status}`} data-testid="join-status" data-status={a.status}>
            <span className="shop-status-icon">{ICONS[a.status]}</span>
            <div>
              <div className="shop-status-title">{t(`joinStatus.${a.status}`)}</div>
              <div className="shop-status-hint">{t(`joinStatus.${a.status}Hint`)}</div>
            </div>
          </div>
          <section className="shop-card-block join-status-steps">
            <Steps current={STEP[a.status]}>
              <Steps.Step title={t('joinStatus.stepSubmitted')} status="finish" />
              <Steps.Step title={t('joinStatus.stepReview')} status={a.status === 'pending' ? 'process' : a.status === 'rejected' ? 'error' : 'finish'} />
              <Steps.Step title={t('joinStatus.stepAccount')} status={a.status === 'approved' ? 'process' : 'wait'} />
            </Steps>
          </section>
          {a.status === 'rejected' && a.reason && (
            <section className="shop-card-block join-reason" data-testid="join-reason">
              <div className="shop-block-title">{t('joinStatus.reason')}</div>
              <p className="shop-description">{a.reason}</p>
            </section>
          )}
          <section className="shop-card-block">
            <dl className="join-facts">
              <dt>{t('joinStatus.name')}</dt>
              <dd>{a.name}</dd>
              <dt>{t('joinStatus.submittedAt')}</dt>
              <dd>{formatInstant(a.createdAt)}</dd>
              {a.decidedAt && (
                <>
                  <dt>{t('joinStatus.decidedAt')}</dt>
                  <dd>{formatInstant(a.decidedAt)}</dd>
                </>
              )}
            </dl>
          </section>
          <section className="shop-card-block join-bookmark">
            <StarOutlined className="join-bookmark-icon" />
            <div>
              <p>{t('joinStatus.bookmark')}</p>
              <Button size="small" fill="outline" color="primary" onClick={() => void copy()} data-testid="join-copy-link">
                <CopyOutlined /> {t('joinStatus.copy')}
              </Button>
            </div>
          </section>
          <div className="shop-order-actions">
            {a.status === 'approved' && (
              <Link to="/sign-in">
                <Button block color="primary" size="large">
                  {t('joinStatus.signIn')}
                </Button>
              </Link>
            )}
            {a.status === 'rejected' && (
              <Link to={`/join/${encodeURIComponent(slug)}`}>
                <Button block color="primary" size="large">
                  {t('joinStatus.reapply')}
                </Button>
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}
