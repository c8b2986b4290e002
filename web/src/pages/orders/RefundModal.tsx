import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import { RefundInput, type Fulfilment, type Order } from '../../../../shared/schemas/orders';
import { useParcelAction } from '../../api/orders';
import { RuleViolation } from '../../components/RuleViolation';
import { zodRule } from '../../forms/zod';
import { parcelNumber } from './order-actions';

export type RefundTarget = { order: Order; parcel: Fulfilment };

/**
 * 退款 of one parcel, asked first: exactly what goes back (the parcel's amount), whose goods, and
 * what follows; an optional reason kept in the audit trail.
 */
export function RefundModal({ target, onClose }: { target: RefundTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useParcelAction();
  const [form] = Form.useForm<{ reason?: string }>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!target) return;
    setError(null);
    form.resetFields();
  }, [target, form]);

  const submit = async ({ reason }: { reason?: string }) => {
    if (!target) return;
    const { order, parcel } = target;
    setError(null);
    try {
      await action.mutateAsync({ kind: 'refund', orderId: order.id, fulfilmentId: parcel.id, reason: reason?.trim() || undefined });
      message.success(t('orders.parcelRefunded', { amount: formatFen(parcel.totalFen) }));
      onClose();
    } catch (e) {
      setError(e);
    }
  };

  const p = target?.parcel;
  return (
    <Modal
      open={target !== null}
      title={target ? t('orders.refundConfirm', { id: target.order.id }) : ''}
      okText={t('orders.refund')}
      okButtonProps={{ danger: true, loading: action.isPending, ...({ 'data-testid': 'refund-confirm' } as object) }}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {p && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          data-testid="refund-summary"
          title={t('orders.refundParcelText', { amount: formatFen(p.totalFen), seller: p.sellerName, n: parcelNumber(p) })}
          description={t('orders.refundHint')}
        />
      )}
      <RuleViolation error={error} refusedTitle={t('orders.refused')} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('orders.refundReason')} rules={[zodRule(RefundInput.shape.reason)]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('orders.refundReasonPlaceholder')} data-testid="refund-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
