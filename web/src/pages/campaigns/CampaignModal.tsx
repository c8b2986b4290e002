import { useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_TITLE_MAX, CampaignInput, type Campaign } from '../../../../shared/schemas/campaigns';
import { api, call } from '../../api/client';
import { idempotencyKey } from '../../api/client-key';
import { useSaveCampaign } from '../../api/campaigns';
import { useDescribeError } from '../../api/describe';
import { RuleViolation } from '../../components/RuleViolation';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { fenToYuan, yuanToFen } from '../../lib/money';

type Values = {
  title?: string;
  kind?: string;
  description?: string;
  range?: [Dayjs, Dayjs];
  targetYuan?: string;
  villageIds?: string[];
  produceIds?: string[];
};

/** The server's and the schema's paths, as this form's fields. */
const PATHS = { startDate: 'range', endDate: 'range', targetFen: 'targetYuan' };

/** Create (campaign null) or edit a campaign: dates as a range, the target typed in yuan and sent as fen. */
export function CampaignModal({ open, campaign, onClose }: { open: boolean; campaign: Campaign | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const save = useSaveCampaign();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const key = useRef(idempotencyKey());
  const villages = useQuery({
    queryKey: ['villages', 'all-for-campaign'],
    queryFn: () => call(api.villages.$get({ query: { limit: '100' } })),
    enabled: open,
  });
  const produce = useQuery({
    queryKey: ['produce', 'published-for-campaign'],
    queryFn: () => call(api.produce.$get({ query: { limit: '100', status: 'published' } })),
    enabled: open,
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    key.current = idempotencyKey();
    form.resetFields();
    if (campaign) {
      form.setFieldsValue({
        title: campaign.title,
        kind: campaign.kind ?? undefined,
        description: campaign.description ?? undefined,
        range: [dayjs(campaign.startDate), dayjs(campaign.endDate)],
        targetYuan: fenToYuan(campaign.targetFen),
        villageIds: campaign.villageIds,
        produceIds: campaign.produceIds,
      });
    }
  }, [open, campaign, form]);

  const submit = async (v: Values) => {
    const parsed = parseWith(
      form,
      CampaignInput,
      {
        title: v.title,
        kind: v.kind || undefined,
        description: v.description || undefined,
        startDate: v.range?.[0]?.format('YYYY-MM-DD'),
        endDate: v.range?.[1]?.format('YYYY-MM-DD'),
        targetFen: yuanToFen(v.targetYuan),
        villageIds: v.villageIds ?? [],
        produceIds: v.produceIds ?? [],
      },
      PATHS,
    );
    if (!parsed.ok) return;
    setError(null);
    try {
      await save.mutateAsync({ id: campaign?.id, input: parsed.data, key: key.current });
      message.success(t('campaignsAdmin.saved'));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, PATHS);
      setError(e);
    }
  };

  return (
    <Modal
      open={open}
      width={640}
      title={campaign ? t('campaignsAdmin.editTitle', { title: campaign.title }) : t('campaignsAdmin.createTitle')}
      okText={t('actions.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'campaign-save' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <RuleViolation error={error} refusedTitle={t('errors.actionFailed')} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('campaignsAdmin.name')} required>
          <Input maxLength={CAMPAIGN_TITLE_MAX} showCount data-testid="campaign-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('campaignsAdmin.kind')}>
          <Input maxLength={20} placeholder={t('campaignsAdmin.kindPlaceholder')} />
        </Form.Item>
        <Form.Item name="range" label={t('campaignsAdmin.dates')} required rules={[{ required: true, message: t('campaignsAdmin.datesRequired') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="campaign-dates" />
        </Form.Item>
        <Form.Item name="targetYuan" label={t('campaignsAdmin.targetYuan')} required rules={[{ required: true, message: t('campaignsAdmin.targetRequired') }]}>
          <YuanInput data-testid="campaign-target" />
        </Form.Item>
        <Form.Item name="villageIds" label={t('campaignsAdmin.villages')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={villages.isPending}
            options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.township}）` }))}
          />
        </Form.Item>
        <Form.Item name="produceIds" label={t('campaignsAdmin.produce')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={produce.isPending}
            options={(produce.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.villageName}）` }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('campaignsAdmin.description')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
