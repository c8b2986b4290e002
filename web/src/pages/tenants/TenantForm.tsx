import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TenantInput } from '../../../../shared/schemas/identity';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { useCreateTenant } from './queries';

type Values = { slug?: string; name?: string; region?: string; timeZone?: string; maxActivePairingsPerOrg?: number };
const F = TenantInput.shape;

/** A new tenant: one administering office and its programme. */
export function TenantForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const create = useCreateTenant();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const key = useMemo(() => (open ? idempotencyKey() : ''), [open]);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblems([]);
    }
  }, [open, form]);

  const submit = async (values: Values) => {
    const parsed = parseWith(form, TenantInput, compact(values));
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      const tenant = await create.mutateAsync({ input: parsed.data, key });
      message.success(t('tenants.created', { name: tenant.name }));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={open}
      title={t('tenants.createTitle')}
      okText={t('actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('tenants.name')} rules={[zodRule(F.name)]} required>
          <Input />
        </Form.Item>
        <Form.Item name="slug" label={t('tenants.slug')} rules={[zodRule(F.slug)]} required extra={t('tenants.slugHint')}>
          <Input className="mono" />
        </Form.Item>
        <Form.Item name="region" label={t('tenants.region')} rules={[zodRule(F.region)]} required>
          <Input />
        </Form.Item>
        <Form.Item name="timeZone" label={t('tenants.timeZone')} rules={[zodRule(F.timeZone)]}>
          <Input placeholder={t('tenants.timeZonePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="maxActivePairingsPerOrg"
          label={t('tenants.maxPairings')}
          rules={[zodRule(F.maxActivePairingsPerOrg)]}
          extra={t('tenants.maxPairingsHint')}
        >
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
