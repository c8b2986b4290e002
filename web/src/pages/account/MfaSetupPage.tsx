import { Button, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { useMeQuery } from '../../auth/me-query';
import { ErrorResult } from '../../components/ErrorResult';
import { AccountShell } from './AccountShell';
import { TotpEnrolment } from './TotpEnrolment';

/**
 * Where a user who must use two-step verification and has not set it up lands after signing in
 * (RequireAuth sends it here): the server answers its every other call 403 until it has.
 */
export default function MfaSetupPage() {
  const { t } = useTranslation();
  const { token, signOut } = useAuth();
  const me = useMeQuery(token);
  const navigate = useNavigate();
  if (!token) return <Navigate to="/sign-in" replace />;
  if (me.isPending) return <Spin fullscreen size="large" />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} fullPage />;
  const done = () => navigate('/', { replace: true });
  // already on (another tab, or not required after all): nothing to do here
  if (me.data.mfa?.enabled || !me.data.mfa?.required) return <Navigate to="/" replace />;

  return (
    <AccountShell wide>
      <div data-testid="mfa-setup-page">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('mfaSetup.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('mfaSetup.subtitle')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('mfa.intro')}</Typography.Paragraph>
        <TotpEnrolment email={me.data.email} onDone={done} />
        <div className="sign-in-forgot">
          <Button type="link" onClick={signOut} data-testid="mfa-setup-sign-out">
            {t('mfaSetup.signOut')}
          </Button>
        </div>
      </div>
    </AccountShell>
  );
}
