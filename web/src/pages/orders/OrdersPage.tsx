import { App, Card, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ORDER_STATUSES, type Order } from '../../../../shared/schemas/orders';
import { useDescribeError } from '../../api/describe';
import { useParcelAction, useOrders } from '../../api/orders';
import { useListableVillages } from '../../api/produce';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { parcelNumber, type ParcelCommand } from './order-actions';
import { OrderDetail } from './OrderDetail';
import { OrderTable } from './OrderTable';
import { RefundModal, type RefundTarget } from './RefundModal';
import { ShipModal, type ShipTarget } from './ShipModal';

type Status = Order['status'];

/**
 * Orders for the organization's listings (the bureau: all), parcel by parcel: ship a paid parcel,
 * confirm its delivery, refund it (exactly its amount).
 */
export default function OrdersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { modal, message } = App.useApp();
  const describe = useDescribeError();
  const [params, setParams] = useSearchParams();
  const status = (ORDER_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const villageId = params.get('village') ?? undefined;
  const orderNo = params.get('orderNo')?.trim().toUpperCase() || undefined;
  const orders = useOrders({ status, villageId, orderNo });
  const villages = useListableVillages(me.role);
  const action = useParcelAction();
  const [openId, setOpenId] = useState<string | null>(null);
  const [shipping, setShipping] = useState<ShipTarget | null>(null);
  const [refunding, setRefunding] = useState<RefundTarget | null>(null);

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  /** ship and refund open their forms; deliver asks first; a refusal (409) is said in words. */
  const command = ({ order, parcel, kind }: ParcelCommand) => {
    if (kind === 'ship') return setShipping({ order, parcel });
    if (kind === 'refund') return setRefunding({ order, parcel });
    modal.confirm({
      title: t('orders.deliverConfirm', { id: order.orderNo ?? order.id }),
      content: (
        <>
          <div>{t('orders.parcelLabel', { n: parcelNumber(parcel), seller: parcel.sellerName })}</div>
          <div className="muted">{t('orders.deliverHint')}</div>
        </>
      ),
      okText: t('orders.deliver'),
      okButtonProps: { ...({ 'data-testid': 'order-action-confirm' } as object) },
      cancelText: t('actions.cancel'),
      onOk: async () => {
        try {
          await action.mutateAsync({ kind: 'deliver', orderId: order.id, fulfilmentId: parcel.id });
          message.success(t('orders.delivered'));
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
          <Input.Search
            allowClear
            key={orderNo ?? ''}
            defaultValue={orderNo}
            placeholder={t('orderLookup.searchPlaceholder')}
            aria-label={t('orderLookup.search')}
            onSearch={(v) => update({ orderNo: v.trim() || undefined })}
            style={{ width: 280 }}
            data-testid="order-no-search"
          />
        </Flex>
        {orders.isError ? (
          <ErrorResult error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <>
            <OrderTable
              orders={orders.items}
              loading={orders.isPending}
              filtered={!!status || !!villageId || !!orderNo}
              onOpen={(o) => setOpenId(o.id)}
              onCommand={command}
            />
            <LoadMore hasMore={orders.hasNextPage} loading={orders.isFetchingNextPage} onMore={() => void orders.fetchNextPage()} shown={orders.items.length} />
          </>
        )}
      </Card>
      <OrderDetail id={openId} fallback={orders.items.find((o) => o.id === openId)} onClose={() => setOpenId(null)} onCommand={command} />
      <ShipModal target={shipping} onClose={() => setShipping(null)} />
      <RefundModal target={refunding} onClose={() => setRefunding(null)} />
    </>
  );
}
