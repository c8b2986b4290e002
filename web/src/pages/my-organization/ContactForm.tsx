import { Alert, App, Divider, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreditCode, ORG_KINDS, OrganizationPatch, type Organization } from '../../../../shared/schemas/organizations';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { useUpdateOrganization } from '../../api/organizations';

type Values = Pick<Organization, 'name' | 'kind' | 'creditCode' | 'contactName' | 'contactPhone' | 'address' | 'description'>;
const F = OrganizationPatch.shape;

/**
 * An organization keeps its details current (PATCH /api/organizations/:id). Contact details apply
 * at once; once the organization is approved, a change of its name, kind or credit code goes to the
 * bureau for review (the API answers 202 with the change request).
 */
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
    form.setFieldsValue({
      name: org.name,
      kind: org.kind,
      creditCode: org.creditCode,
      contactName: org.contactName,
      contactPhone: org.contactPhone,
      address: org.address,
      description: org.description,
    });
    // reset when opened or for another organization, not when a background refetch hands a new
    // object for the same one (that would wipe what is being typed)
  }, [open, org.id, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (values: Values) => {
    const parsed = parseWith(form, OrganizationPatch, compact(values));
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      const out = await update.mutateAsync({ id: org.id, patch: parsed.data });
      if ('change' in out) message.info(t('orgChanges.submitted'));
      else message.success(t('orgChanges.saved'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={open}
      title={t('orgChanges.editTitle')}
      okText={t('actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      width={600}
    >
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Divider titlePlacement="start" plain className="form-divider">
          {t('orgChanges.identitySection')}
        </Divider>
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={t(org.status === 'pending' ? 'orgChanges.identityHintPending' : 'orgChanges.identityHint')}
          data-testid="identity-hint"
        />
        <Form.Item name="name" label={t('fields.orgName')} rules={[zodRule(F.name)]} required>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('fields.kind')} required>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('fields.creditCode')} rules={[zodRule(CreditCode)]} required extra={t('organizations.creditCodeHint')}>
          <Input maxLength={18} className="mono" style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Divider titlePlacement="start" plain className="form-divider">
          {t('orgChanges.contactSection')}
        </Divider>
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
