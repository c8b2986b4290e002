import { App, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommitmentInput } from '../../../../shared/schemas/commitments';
import { Id } from '../../../../shared/schemas/common';
import { useSetCommitment } from '../../api/commitments';
import { useDescribeError } from '../../api/describe';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { RuleViolation } from '../../components/RuleViolation';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { fenToYuan, yuanToFen } from '../../lib/money';

export type CommitmentTarget = { organizationId?: string; organizationName?: string; amountFen?: number };
type Values = { organizationId?: string; amountYuan?: string };

/** PUT /api/commitments as the bureau sends it: the organization named. */
const BureauCommitment = CommitmentInput.extend({ organizationId: Id });

/** Set what an organization commits to buy this year (typed in yuan, sent as fen). */
export function CommitmentModal({ target, year, onClose }: { target: CommitmentTarget | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const save = useSetCommitment();
  const orgs = useQuery({
    queryKey: ['organizations', 'approved', 'all'],
    queryFn: () => call(api.organizations.$get({ query: { status: 'approved', limit: '100' } })),
    enabled: target !== null,
  });
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!target) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ organizationId: target.organizationId, amountYuan: target.amountFen ? fenToYuan(target.amountFen) : undefined });
  }, [target, form]);

  const submit = async (v: Values) => {
    const parsed = parseWith(
      form,
      BureauCommitment,
      { organizationId: v.organizationId, year, amountFen: yuanToFen(v.amountYuan) },
      { amountFen: 'amountYuan' },
    );
    if (!parsed.ok) return;
    setError(null);
    try {
      await save.mutateAsync(parsed.data);
      message.success(t('commitments.saved'));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, { amountFen: 'amountYuan' });
      setError(e);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t('commitments.setTitle', { n: year })}
      okText={t('actions.save')}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('commitments.setHint')}</Typography.Paragraph>
      <RuleViolation error={error} refusedTitle={t('errors.actionFailed')} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="organizationId" label={t('fields.orgName')} required rules={[{ required: true, message: t('commitments.orgRequired') }]}>
          <Select
            disabled={!!target?.organizationId}
            showSearch={{ optionFilterProp: 'label' }}
            loading={orgs.isPending}
            options={
              target?.organizationId && target.organizationName
                ? [{ value: target.organizationId, label: target.organizationName }]
                : (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))
            }
          />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('commitments.amountYuan')} required rules={[{ required: true, message: t('commitments.amountRequired') }]}>
          <YuanInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
