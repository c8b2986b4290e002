import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/schemas/orders';
import { formatInstant } from '../../lib/dates';

/** 下单 → 支付 → 发货 → 送达; or the order's end (cancelled, expired, refunded) in red. */
export function OrderSteps({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const at = (iso: string | null) => (iso ? formatInstant(iso) : undefined);
  const placed = { title: t('shop.order.step.placed'), content: at(o.createdAt) };
  if (o.status === 'cancelled' || o.status === 'expired') {
    return (
      <Steps
        size="small"
        current={1}
        status="error"
        items={[placed, { title: t(`orderStatus.${o.status}`), content: at(o.updatedAt) }]}
        data-testid="order-steps"
      />
    );
  }
  if (o.status === 'refunded') {
    return (
      <Steps
        size="small"
        current={2}
        status="error"
        items={[placed, { title: t('shop.order.step.paid'), content: at(o.paidAt) }, { title: t('orderStatus.refunded'), content: at(o.refundedAt) }]}
        data-testid="order-steps"
      />
    );
  }
  const current = { pending_payment: 0, paid: 1, shipped: 2, delivered: 3 }[o.status];
  return (
    <Steps
      size="small"
      current={current}
      status={o.status === 'pending_payment' ? 'process' : 'finish'}
      items={[
        placed,
        { title: t('shop.order.step.paid'), content: at(o.paidAt) ?? (o.status === 'pending_payment' ? t('orders.awaitingPayment') : undefined) },
        { title: t('shop.order.step.shipped'), content: at(o.shippedAt) },
        { title: t('shop.order.step.delivered'), content: at(o.deliveredAt) },
      ]}
      data-testid="order-steps"
    />
  );
}
