import { App, Button, Descriptions, Form, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAcceptInvitation, useInvitationPreview } from '../../api/accounts';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors } from '../../forms/zod';
import { formatInstant } from '../../lib/dates';
import { AccountShell } from './AccountShell';
import { LinkProblem } from './LinkProblem';
import { PasswordFields, type PasswordValues } from './PasswordFields';

/**
 * An invitation link: who invites whom to what, then a password set twice; the account is created
 * and signed in at once. A used or expired link says so and points to sign-in.
 */
export default function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const { startSession } = useAuth();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation(token);
  const [form] = Form.useForm<PasswordValues>();
  const [problems, setProblems] = useState<string[]>([]);
  // the link may die between the preview and the submit (used in another tab, expired)
  const [goneError, setGoneError] = useState<ApiError | null>(null);

  const toSignIn = (
    <Link to="/sign-in">
      <Button type="primary">{t('invite.toSignIn')}</Button>
    </Link>
  );

  const submit = async (values: PasswordValues) => {
    setProblems([]);
    try {
      const session = await accept.mutateAsync(values.password);
      startSession(session.token);
      message.success(t('invite.welcome'));
      void navigate('/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) setGoneError(e);
      else setProblems(applyServerErrors(form, e, describe));
    }
  };

  const invitation = preview.data;
  const failure = goneError ?? (preview.isError ? preview.error : null);

  return (
    <AccountShell>
      {failure ? (
        <LinkProblem
          error={failure}
          goneTitle={t('invite.goneTitle')}
          notFoundTitle={t('invite.notFoundTitle')}
          notFoundText={t('invite.notFoundText')}
          action={toSignIn}
          onRetry={() => void preview.refetch()}
        />
      ) : !invitation ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('invite.title')}
          </Typography.Title>
          <Typography.Paragraph className="invite-lead" data-testid="invite-lead">
            {t('invite.whoInvites', { tenant: invitation.tenantName })}
          </Typography.Paragraph>
          <Descriptions size="small" column={1} bordered className="invite-facts">
            <Descriptions.Item label={t('invite.role')}>{t(`roles.${invitation.role}`)}</Descriptions.Item>
            {invitation.organizationName && <Descriptions.Item label={t('invite.organization')}>{invitation.organizationName}</Descriptions.Item>}
            <Descriptions.Item label={t('invite.account')}>
              <span className="mono" data-testid="invite-email">
                {invitation.email}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('invite.expires')}>{formatInstant(invitation.expiresAt)}</Descriptions.Item>
          </Descriptions>
          <ProblemsAlert problems={problems} />
          <Form<PasswordValues> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} validateTrigger="onBlur">
            {/* the browser's password manager files the new password under this email */}
            <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
            <PasswordFields email={invitation.email} label={t('invite.setPassword')} />
            <Button type="primary" htmlType="submit" block loading={accept.isPending} data-testid="invite-submit">
              {t('invite.submit')}
            </Button>
          </Form>
        </>
      )}
    </AccountShell>
  );
}
