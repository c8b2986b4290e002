import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useQueryClient, useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, ActivityInput } from '../../../../shared/schemas/activities';
import type { Pairing } from '../../../../shared/schemas/pairings';
import { api, call, idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { invalidate } from '../../api/invalidate';
import { applyServerErrors, parseWith, zodRule } from '../../forms/zod';
import { toIsoDate } from '../../lib/dates';
import { useTenantToday } from '../../lib/use-tenant-today';
import { yuanToFen } from '../../lib/money';
import { ProblemsAlert } from '../ProblemsAlert';
import { YuanInput } from '../YuanInput';

type Values = { date?: Dayjs; type?: string; peopleReached?: number; amountYuan?: string; goodsYuan?: string; description?: string };
const PATHS = { amountFen: 'amountYuan', goodsFen: 'goodsYuan' };
const F = ActivityInput.shape;

/** Log a help activity (帮扶活动) on an active pairing: money and goods typed in yuan, sent as fen. */
export function ActivityFormModal({ pairing, onClose }: { pairing: Pairing | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const today = useTenantToday();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const key = useMemo(() => (pairing ? idempotencyKey() : ''), [pairing]);
  const log = useMutation({
    mutationFn: (v: { id: string; input: ActivityInput }) =>
      call(api.pairings[':id'].activities.$post({ param: { id: v.id }, json: v.input }, { headers: { 'Idempotency-Key': key } })),
    onSuccess: () => invalidate(queryClient, 'activities', 'pairings'),
  });

  useEffect(() => {
    if (!pairing) return;
    form.resetFields();
    form.setFieldsValue({ date: today, type: 'visit' });
    setProblems([]);
  }, [pairing, form, today]);

  const submit = async (v: Values) => {
    if (!pairing) return;
    const raw = {
      date: toIsoDate(v.date),
      type: v.type,
      peopleReached: v.peopleReached ?? undefined,
      amountFen: yuanToFen(v.amountYuan),
      goodsFen: yuanToFen(v.goodsYuan),
      description: v.description,
    };
    const parsed = parseWith(form, ActivityInput, raw, PATHS);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    try {
      await log.mutateAsync({ id: pairing.id, input: parsed.data });
      message.success(t('activities.logged'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe, PATHS));
    }
  };

  return (
    <Modal
      open={pairing !== null}
      title={pairing && t('activities.formTitle', { village: pairing.villageName })}
      okText={t('actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: log.isPending, ...({ 'data-testid': 'activity-save' } as object) }}
      destroyOnHidden
      width={640}
    >
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="date" label={t('fields.date')} required rules={[{ required: true, message: t('activities.dateRequired') }]}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(today, 'day') || (!!pairing?.startDate && d.isBefore(dayjs(pairing.startDate), 'day'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={t('fields.type')} required>
              <Select options={ACTIVITY_TYPES.map((a) => ({ value: a, label: t(`activityType.${a}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="peopleReached" label={t('fields.peopleReached')} rules={[zodRule(F.peopleReached)]} required>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="amountYuan" label={t('activities.amountYuan')}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="goodsYuan" label={t('activities.goodsYuan')}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('fields.description')} rules={[zodRule(F.description)]} required>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('activities.descriptionPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
