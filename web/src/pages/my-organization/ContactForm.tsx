import { App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganizationPatch, type Organization } from '../../../../shared/schemas/organizations';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { useUpdateOrganization } from '../../api/organizations';

type Values = Pick<Organization, 'contactName' | 'contactPhone' | 'address' | 'description'>;
const F = OrganizationPatch.shape;

/** An organization keeps its own contact details current (PATCH /api/organizations/:id). */
export function ContactForm({ org, open, onClose }: { org: Organization; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const update = useUpdateOrganization();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.setFieldsValue({ contactName: org.contactName, contactPhone: org.contactPhone, address: org.address, description: org.description });
    // reset when opened or for another organization, not when a background refetch hands a new
    // object for the same one (that would wipe what is being typed)
  }, [open, org.id, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (values: Values) => {
    const parsed = parseWith(form, OrganizationPatch, compact(values));
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      await update.mutateAsync({ id: org.id, patch: parsed.data });
      message.success(t('myOrganization.saved'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={open}
      title={t('myOrganization.editTitle')}
      okText={t('actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
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
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
