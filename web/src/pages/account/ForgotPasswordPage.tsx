import { MailOutlined } from '@ant-design/icons';
import { Button, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PasswordResetRequest } from '../../../../shared/schemas/accounts';
import { useRequestPasswordReset } from '../../api/accounts';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, zodRule } from '../../forms/zod';
import type { Language } from '../../i18n';
import { AccountShell } from './AccountShell';

/**
 * Asks for a reset link. The answer is the same whether the email has an account or not, so the
 * page never says which.
 */
export default function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  const describe = useDescribeError();
  const request = useRequestPasswordReset();
  const [form] = Form.useForm<{ email: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const [sent, setSent] = useState(false);

  const submit = async ({ email }: { email: string }) => {
    setProblems([]);
    try {
      await request.mutateAsync({ email: email.trim(), locale: i18n.resolvedLanguage as Language });
      setSent(true);
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  const back = (
    <Link to="/sign-in">
      <Button type={sent ? 'primary' : 'link'} block={!sent}>
        {t('password.backToSignIn')}
      </Button>
    </Link>
  );

  return (
    <AccountShell>
      {sent ? (
        <Result status="success" title={t('password.sentTitle')} subTitle={t('password.sent')} extra={back} className="link-problem" data-testid="reset-sent">
          <Typography.Paragraph type="secondary" className="account-note">
            {t('password.sentHint')}
          </Typography.Paragraph>
        </Result>
      ) : (
        <>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('password.forgotTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('password.forgotSubtitle')}</Typography.Paragraph>
          <ProblemsAlert problems={problems} />
          <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} validateTrigger="onBlur">
            <Form.Item name="email" label={t('signIn.email')} rules={[zodRule(PasswordResetRequest.shape.email)]}>
              <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" placeholder={t('signIn.emailPlaceholder')} data-testid="reset-email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={request.isPending} data-testid="reset-request">
              {t('password.send')}
            </Button>
          </Form>
          <div className="account-back">{back}</div>
        </>
      )}
    </AccountShell>
  );
}
