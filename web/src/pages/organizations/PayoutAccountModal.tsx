import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/schemas/organizations';
import { PayoutAccountInput } from '../../../../shared/schemas/settlements';
import { useDescribeError } from '../../api/describe';
import { useSetPayoutAccount } from '../../api/organizations';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, parseWith, zodRule } from '../../forms/zod';

type Values = { stripeAccountId?: string };

/**
 * The bureau sets the Stripe connected account an organization's stripe_transfer payouts go to
 * (PUT /api/organizations/:id/payout-account); a wrong format comes back inline, next to the field.
 */
export function PayoutAccountModal({ org, open, onClose }: { org: Organization; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const save = useSetPayoutAccount();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.setFieldsValue({ stripeAccountId: org.stripeAccountId ?? '' });
    // reset when opened or for another organization, not when a background refetch hands a new
    // object for the same one (that would wipe what is being typed)
  }, [open, org.id, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (values: Values) => {
    const parsed = parseWith(form, PayoutAccountInput, { stripeAccountId: values.stripeAccountId ?? '' });
    if (!parsed.ok) return setProblems(parsed.problems);
    setProblems([]);
    try {
      await save.mutateAsync({ id: org.id, stripeAccountId: parsed.data.stripeAccountId });
      message.success(t('organizations.payoutAccount.saved'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={open}
      title={t('organizations.payoutAccount.editTitle', { name: org.name })}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, ...({ 'data-testid': 'payout-account-save' } as object) }}
      destroyOnHidden
      data-testid="payout-account-dialog"
    >
      <Alert type="warning" showIcon className="form-alert" title={t('organizations.payoutAccount.confirm', { name: org.name })} />
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="stripeAccountId"
          label={t('organizations.payoutAccount.field')}
          extra={t('organizations.payoutAccount.fieldHint')}
          required
          validateFirst
          rules={[{ required: true, whitespace: true, message: t('organizations.payoutAccount.required') }, zodRule(PayoutAccountInput.shape.stripeAccountId)]}
        >
          <Input
            className="mono"
            maxLength={80}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('organizations.payoutAccount.placeholder')}
            data-testid="payout-account-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
