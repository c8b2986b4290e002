import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Fulfilment, Order } from '../../../shared/schemas/orders';
import type { Produce } from '../../../shared/schemas/produce';

const PRODUCE_COLORS: Record<Produce['status'], string> = { draft: 'default', published: 'green', delisted: 'orange' };

const ORDER_COLORS: Record<Order['status'], string> = {
  pending_payment: 'gold',
  paid: 'blue',
  shipped: 'cyan',
  delivered: 'green',
  cancelled: 'default',
  expired: 'default',
  refunded: 'red',
};

const PARCEL_COLORS: Record<Fulfilment['status'], string> = { paid: 'gold', shipped: 'cyan', delivered: 'green', refunded: 'red' };

export function ProduceStatusTag({ status }: { status: Produce['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRODUCE_COLORS[status]} data-testid="produce-status">
      {t(`produceStatus.${status}`)}
    </Tag>
  );
}

export function OrderStatusTag({ status }: { status: Order['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_COLORS[status]} data-testid="order-status-tag">
      {t(`orderStatus.${status}`)}
    </Tag>
  );
}

/** A parcel's own state: 待发货 (paid), 已发货, 已送达, 已退款. */
export function FulfilmentStatusTag({ status }: { status: Fulfilment['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={PARCEL_COLORS[status]} data-testid="parcel-status-tag">
      {t(`fulfilmentStatus.${status}`)}
    </Tag>
  );
}

/** 认养 listings stand out in a table of products. */
export function ProduceKindTag({ kind }: { kind: Produce['kind'] }) {
  const { t } = useTranslation();
  return kind === 'adoption' ? <Tag color="purple">{t('produceKind.adoption')}</Tag> : null;
}
