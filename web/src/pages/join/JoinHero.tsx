import { Skeleton, Steps } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';

/** The programme the applicant joins, and the three steps from here to an account. */
export function JoinHero({ tenantName, loading }: { tenantName: string | undefined; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="join-hero">
      <div className="shop-hero-kicker">{t('join.kicker')}</div>
      {loading ? (
        <Skeleton.Title animated className="join-hero-skeleton" />
      ) : (
        <h1 className="join-hero-title" data-testid="join-title">
          {tenantName ? t('join.heroTitle', { name: tenantName }) : t('join.heroTitleNoName')}
        </h1>
      )}
      <p className="join-hero-text">{t('join.heroText')}</p>
      <Steps current={0} className="join-steps">
        <Steps.Step title={t('join.stepFill')} />
        <Steps.Step title={t('join.stepReview')} />
        <Steps.Step title={t('join.stepAccount')} />
      </Steps>
    </header>
  );
}
