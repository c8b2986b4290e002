import { useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DonationInput } from '../../../../shared/schemas/donations';
import { useLogDonation } from '../../api/charity';
import { api, call, idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { RuleViolation } from '../../components/RuleViolation';
import { VillageSelect } from '../../components/VillageSelect';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, compact, parseWith } from '../../forms/zod';
import { toIsoDate } from '../../lib/dates';
import { yuanToFen } from '../../lib/money';

type Values = {
  villageId?: string;
  kind: 'cash' | 'goods';
  amountYuan?: string;
  donorName?: string;
  donorType: 'organization' | 'person';
  organizationId?: string;
  description?: string;
  date?: Dayjs;
  anonymous?: boolean;
};

/** Log an offline donation: cash, or goods at an estimated value with what they are. An org_member's is its own organization's. */
export function DonationModal({
  open,
  onClose,
  asOrgMember,
  organizationName,
}: {
  open: boolean;
  onClose: () => void;
  asOrgMember: boolean;
  organizationName?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const save = useLogDonation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [error, setError] = useState<unknown>(null);
  const attempt = useRef<{ sig: string; key: string } | null>(null);
  const orgs = useQuery({
    queryKey: ['organizations', 'approved', 'all'],
    queryFn: () => call(api.organizations.$get({ query: { status: 'approved', limit: '100' } })),
    enabled: open && !asOrgMember,
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    attempt.current = null;
    form.resetFields();
  }, [open, form]);

  const submit = async (v: Values) => {
    const input = compact({
      ...v,
      amountFen: yuanToFen(v.amountYuan),
      amountYuan: undefined,
      date: toIsoDate(v.date),
      donorType: asOrgMember ? 'organization' : v.donorType,
    });
    const parsed = parseWith(form, DonationInput, input, { amountFen: 'amountYuan' });
    if (!parsed.ok) return;
    const sig = JSON.stringify(parsed.data);
    if (attempt.current?.sig !== sig) attempt.current = { sig, key: idempotencyKey() };
    setError(null);
    try {
      await save.mutateAsync({ input: parsed.data, key: attempt.current.key });
      message.success(asOrgMember ? t('donations.loggedPending') : t('donations.logged'));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, { amountFen: 'amountYuan' });
      setError(e);
    }
  };

  return (
    <Modal
      open={open}
      title={t('donations.logTitle')}
      okText={t('actions.save')}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <RuleViolation error={error} refusedTitle={t('errors.actionFailed')} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'cash',
          donorType: asOrgMember ? 'organization' : 'person',
          donorName: asOrgMember ? organizationName : undefined,
          anonymous: false,
        }}
      >
        <Form.Item name="villageId" label={t('ledger.village')} required rules={[{ required: true, message: t('donations.villageRequired') }]}>
          <VillageSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('donations.kind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['cash', 'goods'] as const).map((k) => ({ value: k, label: t(`donations.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={kind === 'goods' ? t('donations.goodsValueYuan') : t('donations.amountYuan')}
          required
          rules={[{ required: true, message: t('donations.amountRequired') }]}
        >
          <YuanInput data-testid="donation-amount" />
        </Form.Item>
        {kind === 'goods' && (
          <Form.Item name="description" label={t('donations.description')} required>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('donations.descriptionPlaceholder')} />
          </Form.Item>
        )}
        {!asOrgMember && (
          <Form.Item name="donorType" label={t('donations.donorType')}>
            <Radio.Group options={(['person', 'organization'] as const).map((k) => ({ value: k, label: t(`donations.donorTypes.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="donorName" label={t('donations.donor')} required>
          <Input maxLength={100} />
        </Form.Item>
        {!asOrgMember && (
          <Form.Item name="organizationId" label={t('donations.organization')} extra={t('donations.organizationHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={orgs.isPending}
              options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="date" label={t('ledger.date')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="anonymous" label={t('donations.anonymous')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
