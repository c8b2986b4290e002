import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserInput } from '../../../../shared/schemas/identity';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { useCreateUser, type TenantRow } from './queries';

type Values = { tenantId?: string; email?: string; password?: string; role?: 'bureau_admin' | 'org_member'; organizationId?: string };
const F = UserInput.shape;

/** A user for a tenant: a bureau administrator, or a member of one of its organizations. */
export function UserForm({ tenant, tenants, onClose }: { tenant: TenantRow | null; tenants: TenantRow[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const create = useCreateUser();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const role = Form.useWatch('role', form);
  const key = useMemo(() => (tenant ? idempotencyKey() : ''), [tenant]);

  useEffect(() => {
    if (!tenant) return;
    form.resetFields();
    form.setFieldsValue({ tenantId: tenant.id, role: 'bureau_admin' });
    setProblems([]);
  }, [tenant, form]);

  const submit = async (values: Values) => {
    const parsed = parseWith(form, UserInput, compact(values));
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      const user = await create.mutateAsync({ input: parsed.data, key });
      message.success(t('tenants.userCreated', { email: user.email }));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={tenant !== null}
      title={t('tenants.userTitle')}
      okText={t('actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="tenantId" label={t('tenants.tenant')} required>
          <Select options={tenants.map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="email" label={t('fields.email')} rules={[zodRule(F.email)]} required>
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('tenants.initialPassword')} rules={[zodRule(F.password)]} required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('fields.role')} required>
          <Select options={(['bureau_admin', 'org_member'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {role === 'org_member' && (
          <Form.Item
            name="organizationId"
            label={t('tenants.organizationId')}
            rules={[zodRule(F.organizationId)]}
            required
            extra={t('tenants.organizationIdHint')}
          >
            <Input className="mono" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
