import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../../shared/schemas/pairings';
import { useDescribeError } from '../../api/describe';
import { RuleViolation } from '../../components/RuleViolation';
import { applyServerErrors } from '../../forms/zod';
import { fromIsoDate, toIsoDate } from '../../lib/dates';
import { useTenantToday } from '../../lib/use-tenant-today';
import { usePairingAction } from '../../api/pairings';

export type ActionTarget = { pairing: Pairing; kind: 'approve' | 'reject' | 'end' };
type Values = { date?: Dayjs; reason?: string };

const TEXT = {
  approve: { title: 'pairings.approveTitle', ok: 'actions.approve', hint: 'pairings.approveHint', done: 'pairings.approvedMsg' },
  reject: { title: 'pairings.rejectTitle', ok: 'actions.reject', hint: 'pairings.rejectHint', done: 'pairings.rejectedMsg' },
  end: { title: 'pairings.endTitle', ok: 'pairings.endConfirm', hint: 'pairings.endHint', done: 'pairings.endedMsg' },
} as const;

/**
 * Approve (start date), reject (reason) or end (end date + reason) a pairing. A refusal by the
 * rules (409 over_limit / duplicate_pairing, or a 400 on a date) stays in the dialog, in words.
 */
export function PairingActionModal({ target, onClose }: { target: ActionTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const action = usePairingAction();
  const today = useTenantToday();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const kind = target?.kind ?? 'approve';
  const text = TEXT[kind];

  useEffect(() => {
    if (!target) return;
    setError(null);
    form.resetFields();
    const date = target.kind === 'approve' ? (fromIsoDate(target.pairing.proposedStartDate) ?? today) : target.kind === 'end' ? today : undefined;
    form.setFieldsValue({ date, reason: undefined });
  }, [target, form, today]);

  const submit = async (v: Values) => {
    if (!target) return;
    const id = target.pairing.id;
    const reason = v.reason?.trim() || undefined;
    setError(null);
    try {
      if (kind === 'approve') await action.mutateAsync({ kind, id, startDate: toIsoDate(v.date) });
      else if (kind === 'reject') await action.mutateAsync({ kind, id, reason });
      else await action.mutateAsync({ kind, id, endDate: toIsoDate(v.date) as string, reason });
      message.success(t(text.done, { village: target.pairing.villageName }));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, { startDate: 'date', endDate: 'date' });
      setError(e);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target && t(text.title)}
      okText={t(text.ok)}
      okButtonProps={{ danger: kind !== 'approve', loading: action.isPending, ...({ 'data-testid': 'pairing-action-confirm' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && (
        <Typography.Paragraph>
          <Typography.Text strong>{target.pairing.organizationName}</Typography.Text>
          {t('pairings.pairsWith')}
          <Typography.Text strong>{target.pairing.villageName}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t(text.hint)}</Typography.Paragraph>
      <RuleViolation error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        {kind !== 'reject' && (
          <Form.Item
            name="date"
            label={t(kind === 'approve' ? 'fields.startDate' : 'fields.endDate')}
            rules={[{ required: kind === 'end', message: t('pairings.endDateRequired') }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} data-testid="pairing-action-date" />
          </Form.Item>
        )}
        {kind !== 'approve' && (
          <Form.Item name="reason" label={t('fields.reason')} extra={t('common.optional')}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
