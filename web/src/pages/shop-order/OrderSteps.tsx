import { Steps } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import type { PublicOrder } from '../../shop/api';
import { formatInstant } from '../../lib/dates';

/** 提交订单 → 支付成功 → 已发货 → 已送达; or the order's end: cancelled, expired, refunded. */
export function OrderSteps({ order: o }: { order: PublicOrder }) {
  const { t } = useTranslation();
  const at = (iso: string | null) => (iso ? formatInstant(iso) : undefined);
  const placed = { key: 'placed', title: t('shop.order.step.placed'), description: at(o.createdAt) };
  let steps: { key: string; title: string; description?: string; status?: 'wait' | 'process' | 'finish' | 'error' }[];
  let current: number;
  if (o.status === 'cancelled' || o.status === 'expired') {
    steps = [placed, { key: 'end', title: t(`orderStatus.${o.status}`), description: at(o.updatedAt), status: 'error' }];
    current = 1;
  } else if (o.status === 'refunded') {
    steps = [
      placed,
      { key: 'paid', title: t('shop.order.step.paid'), description: at(o.paidAt) },
      { key: 'refunded', title: t('orderStatus.refunded'), description: at(o.refundedAt), status: 'error' },
    ];
    current = 2;
  } else {
    steps = [
      placed,
      { key: 'paid', title: t('shop.order.step.paid'), description: at(o.paidAt) },
      { key: 'shipped', title: t('shop.order.step.shipped'), description: at(o.shippedAt) },
      { key: 'delivered', title: t('shop.order.step.delivered'), description: at(o.deliveredAt) },
    ];
    current = { pending_payment: 0, paid: 1, shipped: 2, delivered: 3 }[o.status];
  }
  return (
    <div className="shop-card-block shop-steps" data-testid="order-steps">
      <Steps current={current}>
        {steps.map((s) => (
          <Steps.Step key={s.key} title={s.title} description={s.description} status={s.status} />
        ))}
      </Steps>
    </div>
  );
}
