import { App, Card, Flex, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ORDER_STATUSES, type Order } from '../../../../shared/schemas/orders';
import { useDescribeError } from '../../api/describe';
import { useOrderAction, useOrders } from '../../api/orders';
import { useListableVillages } from '../../api/produce';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { OrderDetail } from './OrderDetail';
import { OrderTable } from './OrderTable';
import { ShipModal } from './ShipModal';

type Status = Order['status'];
export type OrderCommand = { order: Order; kind: 'ship' | 'deliver' | 'refund' };

/** Orders for the organization's listings (the bureau: all): ship paid ones, confirm delivery, refund. */
export default function OrdersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { modal, message } = App.useApp();
  const describe = useDescribeError();
  const [params, setParams] = useSearchParams();
  const status = (ORDER_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const villageId = params.get('village') ?? undefined;
  const orders = useOrders({ status, villageId });
  const villages = useListableVillages(me.role);
  const action = useOrderAction();
  const [openId, setOpenId] = useState<string | null>(null);
  const [shipping, setShipping] = useState<Order | null>(null);

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  /** ship opens its form; deliver and refund ask first, and a refusal (409) is said in words. */
  const command = ({ order, kind }: OrderCommand) => {
    if (kind === 'ship') return setShipping(order);
    modal.confirm({
      title: t(kind === 'deliver' ? 'orders.deliverConfirm' : 'orders.refundConfirm', { id: order.id }),
      content: t(kind === 'deliver' ? 'orders.deliverHint' : 'orders.refundHint'),
      okText: t(kind === 'deliver' ? 'orders.deliver' : 'orders.refund'),
      okButtonProps: { danger: kind === 'refund', ...({ 'data-testid': 'order-action-confirm' } as object) },
      cancelText: t('actions.cancel'),
      onOk: async () => {
        try {
          await action.mutateAsync({ kind, id: order.id });
          message.success(t(kind === 'deliver' ? 'orders.delivered' : 'orders.refunded'));
        } catch (e) {
          modal.error({ title: t('orders.refused'), content: describe(e) });
        }
      },
    });
  };

  return (
    <>
      <PageHeader title={t('orders.title')} subtitle={t(me.role === 'org_member' ? 'orders.subtitleOrg' : 'orders.subtitleBureau')} />
      <Card className="table-card">
        <Flex wrap gap={12} align="center" justify="space-between" className="filter-bar">
          <StatusFilter<Status> statuses={ORDER_STATUSES} value={status} label={(s) => t(`orderStatus.${s}`)} onChange={(s) => update({ status: s })} />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('produce.filterVillage')}
            value={villageId}
            onChange={(v?: string) => update({ village: v })}
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            style={{ minWidth: 200 }}
          />
        </Flex>
        {orders.isError ? (
          <ErrorResult error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <>
            <OrderTable orders={orders.items} loading={orders.isPending} filtered={!!status || !!villageId} onOpen={(o) => setOpenId(o.id)} onCommand={command} />
            <LoadMore hasMore={orders.hasNextPage} loading={orders.isFetchingNextPage} onMore={() => void orders.fetchNextPage()} shown={orders.items.length} />
          </>
        )}
      </Card>
      <OrderDetail id={openId} fallback={orders.items.find((o) => o.id === openId)} onClose={() => setOpenId(null)} onCommand={command} />
      <ShipModal order={shipping} onClose={() => setShipping(null)} />
    </>
  );
}
