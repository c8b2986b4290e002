import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FulfilInput, NeedInput, PledgeInput, type Need } from '../../../../shared/schemas/needs';
import { VILLAGE_NEEDS } from '../../../../shared/schemas/villages';
import { useNeedAction } from '../../api/cockpit';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { RuleViolation } from '../../components/RuleViolation';
import { VillageSelect } from '../../components/VillageSelect';
import { applyServerErrors, compact, parseWith } from '../../forms/zod';
import { toIsoDate } from '../../lib/dates';
import { useTenantToday } from '../../lib/use-tenant-today';

/** The shared frame of the need modals: a fresh idempotency key and error state per opening. */
function useModalState(open: boolean) {
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const key = useMemo(() => (open ? idempotencyKey() : ''), [open]);
  useEffect(() => {
    if (open) {
      setError(null);
      setProblems([]);
    }
  }, [open]);
  return { error, setError, problems, setProblems, key };
}

type PostValues = { villageId?: string; category?: string; title?: string; description?: string; quantity?: number; unit?: string; targetDate?: Dayjs };

export function PostNeedModal({ open, villageId, onClose }: { open: boolean; villageId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const act = useNeedAction();
  const today = useTenantToday();
  const [form] = Form.useForm<PostValues>();
  const s = useModalState(open);
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        villageId,
        category: undefined,
        title: undefined,
        description: undefined,
        quantity: undefined,
        unit: undefined,
        targetDate: undefined,
      });
  }, [open, villageId, form]);

  const submit = async (v: PostValues) => {
    const raw = compact({ ...v, targetDate: toIsoDate(v.targetDate) });
    const parsed = parseWith(form, NeedInput, raw);
    s.setError(null);
    s.setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    try {
      await act.mutateAsync({ kind: 'create', input: parsed.data, key: s.key });
      message.success(t('needsBoard.posted'));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe);
      s.setError(e);
    }
  };
  return (
    <Modal
      open={open}
      title={t('needsBoard.postTitle')}
      okText={t('needsBoard.post')}
      okButtonProps={{ loading: act.isPending, ...({ 'data-testid': 'need-post-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <RuleViolation error={s.error} />
      <ProblemsAlert problems={s.problems} />
      <Form<PostValues> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="villageId" label={t('needsBoard.village')} required>
              <VillageSelect placeholder={t('needsBoard.village')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('needsBoard.category')} required>
              <Select options={VILLAGE_NEEDS.map((n) => ({ value: n, label: t(`needs.${n}`) }))} data-testid="need-category" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="title" label={t('needsBoard.titleField')} required>
              <Input maxLength={100} data-testid="need-title" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('needsBoard.description')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="quantity" label={t('needsBoard.quantity')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="unit" label={t('needsBoard.unit')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="targetDate" label={t('needsBoard.targetDate')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(today, 'day')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

type PledgeValues = { whole: 'whole' | 'part'; quantity?: number; note?: string };

export function PledgeModal({ need, onClose }: { need: Need | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const act = useNeedAction();
  const [form] = Form.useForm<PledgeValues>();
  const whole = Form.useWatch('whole', form);
  const s = useModalState(need !== null);
  const remaining = need?.quantity ? Math.max(0, need.quantity - need.pledgedQuantity) : null;
  // reset when another need is opened, not when the list refetches the same one (a new object):
  // a background refetch must not wipe what the user is typing
  const needId = need?.id;
  useEffect(() => {
    if (needId) form.setFieldsValue({ whole: 'whole', quantity: undefined, note: undefined });
  }, [needId, form]);

  const submit = async (v: PledgeValues) => {
    if (!need) return;
    const quantity = need.quantity ? (v.whole === 'whole' ? (remaining ?? undefined) : v.quantity) : undefined;
    const parsed = parseWith(form, PledgeInput, compact({ quantity, note: v.note }));
    s.setError(null);
    s.setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    try {
      await act.mutateAsync({ kind: 'pledge', id: need.id, input: parsed.data, key: s.key });
      message.success(t('needsBoard.pledged_ok'));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe);
      s.setError(e);
    }
  };
  return (
    <Modal
      open={need !== null}
      title={need && t('needsBoard.pledgeTitle', { title: need.title })}
      okText={t('needsBoard.pledge')}
      okButtonProps={{ loading: act.isPending, ...({ 'data-testid': 'need-pledge-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {need && (
        <Typography.Paragraph type="secondary">
          {need.villageName} · {t(`needs.${need.category}`)}
          {remaining !== null && ` · ${t('needsBoard.pledgeRemaining', { n: remaining, unit: need.unit ?? '' })}`}
        </Typography.Paragraph>
      )}
      <RuleViolation error={s.error} />
      <ProblemsAlert problems={s.problems} />
      <Form<PledgeValues> form={form} layout="vertical" onFinish={submit} initialValues={{ whole: 'whole' }}>
        {need?.quantity ? (
          <>
            <Form.Item name="whole">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'whole', label: t('needsBoard.pledgeWhole') },
                  { value: 'part', label: t('needsBoard.pledgePart') },
                ]}
              />
            </Form.Item>
            {whole === 'part' && (
              <Form.Item name="quantity" label={t('needsBoard.pledgeQuantity')} required>
                <InputNumber min={1} max={remaining ?? undefined} precision={0} addonAfter={need.unit ?? undefined} style={{ width: '100%' }} />
              </Form.Item>
            )}
          </>
        ) : null}
        <Form.Item name="note" label={t('needsBoard.pledgeNote')} required>
          <Input.TextArea rows={3} maxLength={500} data-testid="need-pledge-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type FulfilValues = { note?: string; evidenceUrl?: string };

export function FulfilModal({ need, onClose }: { need: Need | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const act = useNeedAction();
  const [form] = Form.useForm<FulfilValues>();
  const s = useModalState(need !== null);
  const needId = need?.id; // as PledgeModal: a refetch of the same need keeps the input
  useEffect(() => {
    if (needId) form.resetFields();
  }, [needId, form]);
  const submit = async (v: FulfilValues) => {
    if (!need) return;
    const parsed = parseWith(form, FulfilInput, compact(v));
    s.setError(null);
    s.setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    try {
      await act.mutateAsync({ kind: 'fulfil', id: need.id, input: parsed.data, key: s.key });
      message.success(t('needsBoard.fulfilled'));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe);
      s.setError(e);
    }
  };
  return (
    <Modal
      open={need !== null}
      title={need && t('needsBoard.fulfilTitle', { title: need.title })}
      okText={t('needsBoard.fulfil')}
      okButtonProps={{ loading: act.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <RuleViolation error={s.error} />
      <ProblemsAlert problems={s.problems} />
      <Form<FulfilValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('needsBoard.fulfilNote')} required>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="evidenceUrl" label={t('needsBoard.evidenceUrl')}>
          <Input placeholder="https://" maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function WithdrawModal({ need, onClose }: { need: Need | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useNeedAction();
  const [reason, setReason] = useState('');
  const s = useModalState(need !== null);
  const needId = need?.id; // as PledgeModal: a refetch of the same need keeps the input
  useEffect(() => {
    if (needId) setReason('');
  }, [needId]);
  const confirm = async () => {
    if (!need) return;
    s.setError(null);
    try {
      await act.mutateAsync({ kind: 'withdraw', id: need.id, reason: reason.trim() || undefined, key: s.key });
      message.success(t('needsBoard.withdrawn'));
      onClose();
    } catch (e) {
      s.setError(e);
    }
  };
  return (
    <Modal
      open={need !== null}
      title={t('needsBoard.withdraw')}
      okText={t('needsBoard.withdraw')}
      okButtonProps={{ danger: true, loading: act.isPending, ...({ 'data-testid': 'need-withdraw-confirm' } as object) }}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{need && t('needsBoard.withdrawConfirm', { title: need.title })}</Typography.Paragraph>
      <RuleViolation error={s.error} />
      <Input.TextArea rows={2} maxLength={500} placeholder={t('needsBoard.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
