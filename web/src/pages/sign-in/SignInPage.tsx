import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
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

/** Email and password; a wrong one (401) or too many tries (429) is said plainly. */
export default function SignInPage() {
  const { t } = useTranslation();
  const { token, expired, signIn } = useAuth();
  const describe = useDescribeError();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string };
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (token && !busy) return <Navigate to={state.from ?? '/'} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await signIn(values.email.trim(), values.password);
      navigate(state.from ?? '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setProblem(t('signIn.wrongPassword'));
      else if (e instanceof ApiError && e.status === 429) setProblem(t('signIn.rateLimited'));
      else setProblem(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <BrandPanel />
      <div className="sign-in-main">
        <div className="sign-in-lang">
          <LanguageSwitch />
        </div>
        <Card className="sign-in-card" variant="borderless">
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
        </Card>
      </div>
    </div>
  );
}
