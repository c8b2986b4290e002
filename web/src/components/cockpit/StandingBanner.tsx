import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useStanding } from '../../api/cockpit';
import { useMe } from '../../auth/auth-context';
import { useFormat } from '../../lib/format-list';

/**
 * Rule 10 on the organization's portal: a warning after two missed weeks, a block on new claims
 * after four. Says nothing while the organization reports on time (or the route is not there).
 */
export function StandingBanner() {
  const { t } = useTranslation();
  const { list } = useFormat();
  const me = useMe();
  const location = useLocation();
  const standing = useStanding(me.role === 'org_member' && !!me.organizationId);
  const s = standing.data;
  if (!s || s.level === 'ok') return null;
  // the newest few missed weeks; a long streak is said by its count
  const weeks = list(s.missedWeeks.slice(0, 4)) + (s.missedWeeks.length > 4 ? t('standing.andMore', { n: s.missedWeeks.length }) : '');
  const action =
    location.pathname === '/reports' ? undefined : (
      <Link to="/reports">
        <Button size="small" type={s.level === 'blocked' ? 'primary' : 'default'} danger={s.level === 'blocked'}>
          {t('standing.goReport')}
        </Button>
      </Link>
    );
  if (s.level === 'blocked') {
    return (
      <Alert
        type="error"
        showIcon
        className="page-alert"
        data-testid="standing-blocked"
        title={t('standing.blockedTitle')}
        description={t('standing.blockedText', { n: s.missedStreak, weeks })}
        action={action}
      />
    );
  }
  if (s.level === 'warned') {
    return (
      <Alert
        type="warning"
        showIcon
        className="page-alert"
        data-testid="standing-warned"
        title={t('standing.warnedTitle', { n: s.missedStreak })}
        description={t('standing.warnedText', { weeks })}
        action={action}
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      className="page-alert"
      data-testid="standing-flagged"
      title={t('standing.flaggedTitle')}
      description={t('standing.flaggedText', { weeks })}
      action={action}
    />
  );
}

/** The reason new claims are refused by rule 10, or undefined. */
export function useClaimBlockedReason(): string | undefined {
  const { t } = useTranslation();
  const me = useMe();
  const standing = useStanding(me.role === 'org_member' && !!me.organizationId);
  return standing.data?.level === 'blocked' ? t('standing.claimBlocked') : undefined;
}
