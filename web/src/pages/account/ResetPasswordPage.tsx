import { Button, Form, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useResetPassword } from '../../api/accounts';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors } from '../../forms/zod';
import { AccountShell } from './AccountShell';
import { LinkProblem } from './LinkProblem';
import { PasswordFields, type PasswordValues } from './PasswordFields';

/** A reset link: a new password twice; a used or expired link offers a new one. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const describe = useDescribeError();
  const reset = useResetPassword(token);
  const [form] = Form.useForm<PasswordValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (values: PasswordValues) => {
    setProblems([]);
    try {
      await reset.mutateAsync(values.password);
      setDone(true);
    } catch (e) {
      // a 400 on the password is the form's; one on the token (a mangled link) is the page's
      const onPassword = e instanceof ApiError && e.fieldErrors.some((f) => f.path === 'password');
      if (e instanceof ApiError && (e.status === 410 || e.status === 404 || (e.status === 400 && !onPassword))) setFailure(e);
      else setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <AccountShell>
      {done ? (
        <Result
          status="success"
          title={t('password.doneTitle')}
          subTitle={t('password.doneText')}
          className="link-problem"
          data-testid="reset-done"
          extra={
            <Link to="/sign-in">
              <Button type="primary">{t('invite.toSignIn')}</Button>
            </Link>
          }
        />
      ) : failure ? (
        <LinkProblem
          error={failure}
          goneTitle={t('password.goneTitle')}
          notFoundTitle={t('password.goneTitle')}
          notFoundText={t('password.notFoundText')}
          action={
            <Link to="/forgot-password">
              <Button type="primary">{t('password.requestAgain')}</Button>
            </Link>
          }
        />
      ) : (
        <>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('password.resetTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('password.resetSubtitle')}</Typography.Paragraph>
          <ProblemsAlert problems={problems} />
          <Form<PasswordValues> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} validateTrigger="onBlur">
            <PasswordFields label={t('password.newPassword')} />
            <Button type="primary" htmlType="submit" block loading={reset.isPending} data-testid="reset-submit">
              {t('password.submitReset')}
            </Button>
          </Form>
        </>
      )}
    </AccountShell>
  );
}
