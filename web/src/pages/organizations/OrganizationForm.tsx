import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreditCode, ORG_KINDS, OrganizationInput } from '../../../../shared/schemas/organizations';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { useCreateOrganization } from '../../api/organizations';

const F = OrganizationInput.shape;

/** Register an organization (pending until the bureau approves it); the credit code is checked here too. */
export function OrganizationForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [form] = Form.useForm<OrganizationInput>();
  const [problems, setProblems] = useState<string[]>([]);
  const create = useCreateOrganization();
  const key = useMemo(() => (open ? idempotencyKey() : ''), [open]);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblems([]);
    }
  }, [open, form]);

  const submit = async (values: OrganizationInput) => {
    const parsed = parseWith(form, OrganizationInput, compact(values));
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      await create.mutateAsync({ input: parsed.data, key });
      message.success(t('organizations.created'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={open}
      title={t('organizations.createTitle')}
      okText={t('actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
    >
      <ProblemsAlert problems={problems} />
      <Form<OrganizationInput> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'social_org' }}>
        <Form.Item name="name" label={t('fields.orgName')} rules={[zodRule(F.name)]} required>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('fields.kind')} required>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('fields.creditCode')} rules={[zodRule(CreditCode)]} required extra={t('organizations.creditCodeHint')}>
          <Input maxLength={18} className="mono" style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name="contactName" label={t('fields.contactName')} rules={[zodRule(F.contactName)]} required>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('fields.contactPhone')} rules={[zodRule(F.contactPhone)]} required>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('fields.address')} rules={[zodRule(F.address)]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('fields.description')} rules={[zodRule(F.description)]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
