import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Fulfilment, Order } from '../../../../shared/schemas/orders';

/** A parcel's next step, asked for from a table row or a parcel card. */
export type ParcelCommand = { order: Order; parcel: Fulfilment; kind: 'ship' | 'deliver' | 'refund' };

/** Which steps a parcel may take next: paid → shipped → delivered; refunded from any of them. */
export const canShip = (f: Fulfilment) => f.status === 'paid';
export const canDeliver = (f: Fulfilment) => f.status === 'shipped';
export const canRefund = (f: Fulfilment) => f.status !== 'refunded';

/**
 * The parcel a table row can act on directly: an order of one parcel — which is every order an
 * org_member sees, since the API projects a multi-seller order onto the member's own parcel.
 */
export const soleParcel = (o: Order): Fulfilment | undefined => (o.fulfilments.length === 1 ? o.fulfilments[0] : undefined);

/** F1, F2 … → 1, 2 … (the parcel's number on the buyer's page too). */
export const parcelNumber = (f: Fulfilment): string => /^F(\d+)$/.exec(f.id)?.[1] ?? f.id;

export function ParcelActions({
  order,
  parcel,
  onCommand,
  size = 'small',
  type = 'link',
}: {
  order: Order;
  parcel: Fulfilment;
  onCommand: (c: ParcelCommand) => void;
  size?: 'small' | 'middle';
  type?: 'link' | 'default';
}) {
  const { t } = useTranslation();
  const ask = (kind: ParcelCommand['kind']) => () => onCommand({ order, parcel, kind });
  return (
    <Space size={type === 'link' ? 0 : 8} wrap>
      {canShip(parcel) && (
        <Button type={type === 'link' ? 'link' : 'primary'} size={size} onClick={ask('ship')} data-testid="order-ship">
          {t('orders.ship')}
        </Button>
      )}
      {canDeliver(parcel) && (
        <Button type={type} size={size} onClick={ask('deliver')} data-testid="order-deliver">
          {t('orders.deliver')}
        </Button>
      )}
      {canRefund(parcel) && (
        <Button type={type} size={size} danger onClick={ask('refund')} data-testid="order-refund">
          {t('orders.refund')}
        </Button>
      )}
    </Space>
  );
}
