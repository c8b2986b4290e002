import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../shared/schemas/orders';
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

/** 认养 listings stand out in a table of products. */
export function ProduceKindTag({ kind }: { kind: Produce['kind'] }) {
  const { t } = useTranslation();
  return kind === 'adoption' ? <Tag color="purple">{t('produceKind.adoption')}</Tag> : null;
}
