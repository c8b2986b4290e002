import { MailOutlined } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITABLE_ROLES, InvitationInput } from '../../../../shared/schemas/accounts';
import { useInvite } from '../../api/accounts';
import { keyPerRequest } from '../../api/client-key';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { useMe } from '../../auth/auth-context';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { LANGUAGES, type Language } from '../../i18n';

type Values = { email?: string; role?: InvitationInput['role']; organizationId?: string; locale?: Language };

/**
 * Invites someone by email. The bureau picks the role (and the organization of a member); an
 * org_member invites a colleague of its own organization, so it picks neither.
 */
export function InviteModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const bureau = me.role === 'bureau_admin';
  const { message } = App.useApp();
  const describe = useDescribeError();
  const invite = useInvite();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const role = Form.useWatch('role', form);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh series of keys each time the dialog opens
  const keyFor = useMemo(() => keyPerRequest(), [open]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ role: 'org_member', locale: (i18n.resolvedLanguage as Language) ?? 'zh-CN' });
    setProblems([]);
  }, [open, form, i18n.resolvedLanguage]);

  const submit = async (values: Values) => {
    setProblems([]);
    const input = bureau ? compact(values) : { ...compact(values), role: 'org_member' as const, organizationId: me.organizationId };
    if (input.role === 'bureau_admin') delete input.organizationId;
    const parsed = parseWith(form, InvitationInput, input);
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      const sent = await invite.mutateAsync({ input: parsed.data, key: keyFor(parsed.data) });
      message.success(t('users.invited', { email: sent.email }));
      onClose();
    } catch (e) {
      // 409: the email already has an account; it belongs next to the email
      if (e instanceof ApiError && e.status === 409) form.setFields([{ name: 'email', errors: [e.message] }]);
      else setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={open}
      title={bureau ? t('users.inviteTitle') : t('users.inviteTitleOrg', { org: me.organizationName ?? '' })}
      okText={t('users.inviteSubmit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={invite.isPending}
      okButtonProps={{ ...({ 'data-testid': 'invite-submit' } as object) }}
      destroyOnHidden
      width={520}
    >
      <Alert type="info" showIcon className="form-alert" title={t('users.inviteHint')} />
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="email" label={t('fields.email')} rules={[zodRule(InvitationInput.shape.email)]}>
          <Input prefix={<MailOutlined />} inputMode="email" autoComplete="off" placeholder={t('users.emailPlaceholder')} data-testid="invite-email" />
        </Form.Item>
        {bureau && (
          <Form.Item name="role" label={t('fields.role')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={INVITABLE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
        )}
        {bureau && role === 'org_member' && (
          <Form.Item name="organizationId" label={t('users.organization')} rules={[{ required: true, message: t('users.organizationRequired') }]}>
            <OrganizationSelect placeholder={t('users.organizationPick')} />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('users.emailLanguage')}>
          <Select options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
