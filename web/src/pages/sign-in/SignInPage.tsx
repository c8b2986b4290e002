import { KeyOutlined, LockOutlined, MailOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { LoginInput } from '../../../../shared/schemas/identity';
import { ApiError } from '../../api/errors';
import { useDescribeError } from '../../api/describe';
import { useAuth } from '../../auth/auth-context';
import { zodRule } from '../../forms/zod';
import { BrandPanel } from './BrandPanel';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

type Values = { email: string; password: string };

/**
 * Email and password, then — for a login with two-step verification (401 mfa_required) — the
 * authenticator's code or a recovery code; a wrong one (401) or too many tries (429) is said plainly.
 */
export default function SignInPage() {
  const { t } = useTranslation();
  const { token, expired, signIn } = useAuth();
  const describe = useDescribeError();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string };
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // after the password, a login with two-step verification asks for the code
  const [pending, setPending] = useState<Values | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);

  // every hook above this line: an early return before a hook breaks React's hook order
  if (token && !busy) return <Navigate to={state.from ?? '/'} replace />;

  const attempt = async (values: Values, code?: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await signIn(values.email.trim(), values.password, code);
      void navigate(state.from ?? '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'mfa_required') setPending(values);
      else if (e instanceof ApiError && e.status === 401) setProblem(code ? t('mfaSignIn.wrongCode') : t('signIn.wrongPassword'));
      else if (e instanceof ApiError && e.status === 429) setProblem(t('signIn.rateLimited'));
      else setProblem(describe(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (values: Values) => attempt(values);

  if (pending) {
    return (
      <SignInFrame>
        <SecondStep
          busy={busy}
          problem={problem}
          recovery={useRecovery}
          onToggle={() => {
            setUseRecovery(!useRecovery);
            setProblem(null);
          }}
          onSubmit={(code) => attempt(pending, code)}
          onBack={() => {
            setPending(null);
            setUseRecovery(false);
            setProblem(null);
          }}
        />
      </SignInFrame>
    );
  }

  return (
    <SignInFrame>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('signIn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
      {expired && !problem && <Alert type="warning" showIcon title={t('auth.expired')} className="form-alert" />}
      {problem && <Alert type="error" showIcon title={problem} className="form-alert" data-testid="sign-in-error" />}
      <Form<Values> layout="vertical" size="large" onFinish={submit} requiredMark={false} validateTrigger="onBlur">
        <Form.Item name="email" label={t('signIn.email')} rules={[zodRule(LoginInput.shape.email)]}>
          <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" placeholder={t('signIn.emailPlaceholder')} />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[zodRule(LoginInput.shape.password)]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder={t('signIn.passwordPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
      <div className="sign-in-forgot">
        <Link to="/forgot-password" data-testid="forgot-password">
          {t('password.forgotLink')}
        </Link>
      </div>
      <Typography.Paragraph type="secondary" className="sign-in-note">
        {t('signIn.note')}
      </Typography.Paragraph>
    </SignInFrame>
  );
}

function SignInFrame({ children }: { children: ReactNode }) {
  return (
    <div className="sign-in">
      <BrandPanel />
      <div className="sign-in-main">
        <div className="sign-in-lang">
          <LanguageSwitch />
        </div>
        <Card className="sign-in-card" variant="borderless">
          {children}
        </Card>
      </div>
    </div>
  );
}

/** The second step: the authenticator's 6 digits, or a recovery code in their place. */
function SecondStep(props: {
  busy: boolean;
  problem: string | null;
  recovery: boolean;
  onToggle: () => void;
  onSubmit: (code: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { recovery } = props;
  return (
    <div data-testid="mfa-step">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {recovery ? t('mfaSignIn.recoveryTitle') : t('mfaSignIn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{recovery ? t('mfaSignIn.recoverySubtitle') : t('mfaSignIn.subtitle')}</Typography.Paragraph>
      {props.problem && <Alert type="error" showIcon title={props.problem} className="form-alert" data-testid="sign-in-error" />}
      <Form<{ code: string }>
        key={recovery ? 'recovery' : 'app'}
        layout="vertical"
        size="large"
        onFinish={(v) => props.onSubmit(v.code.trim())}
        requiredMark={false}
      >
        <Form.Item
          name="code"
          label={recovery ? t('mfaSignIn.recovery') : t('mfaSignIn.code')}
          rules={[
            recovery
              ? { required: true, whitespace: true, message: t('mfaSignIn.codeRequired') }
              : { required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfaSignIn.codePlaceholder') },
          ]}
        >
          {recovery ? (
            <Input prefix={<KeyOutlined />} autoComplete="off" placeholder={t('mfaSignIn.recoveryPlaceholder')} data-testid="sign-in-code" autoFocus />
          ) : (
            <Input
              prefix={<SafetyOutlined />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder={t('mfaSignIn.codePlaceholder')}
              className="mfa-code-input"
              data-testid="sign-in-code"
              autoFocus
            />
          )}
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={props.busy} data-testid="sign-in-code-submit">
          {t('mfaSignIn.submit')}
        </Button>
      </Form>
      <div className="sign-in-forgot">
        <Button type="link" onClick={props.onToggle} data-testid="toggle-recovery">
          {recovery ? t('mfaSignIn.useApp') : t('mfaSignIn.useRecovery')}
        </Button>
      </div>
      <div className="sign-in-forgot">
        <Button type="link" onClick={props.onBack}>
          {t('mfaSignIn.back')}
        </Button>
      </div>
    </div>
  );
}
