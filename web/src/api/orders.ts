import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Order, Shipment } from '../../../shared/schemas/orders';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type OrderFilters = { status?: Order['status']; villageId?: string };

/** GET /api/orders: orders for the caller's listings (the bureau: all), newest first, 20 a page. */
export function useOrders(f: OrderFilters) {
  return useCursorList<Order>(['orders', f], (cursor) =>
    call(
      api.orders.$get({
        query: { limit: '20', ...(f.status ? { status: f.status } : {}), ...(f.villageId ? { villageId: f.villageId } : {}), ...(cursor ? { cursor } : {}) },
      }),
    ),
  );
}

export function useOrder(id: string | null) {
  return useQuery({
    queryKey: ['order', id],
    queryFn: () => call(api.orders[':id'].$get({ param: { id: id as string } })),
    enabled: id !== null,
  });
}

export type OrderAction = { kind: 'ship'; id: string; shipment: Shipment } | { kind: 'deliver'; id: string } | { kind: 'refund'; id: string };

/** ship (carrier + tracking number), deliver, refund: each moves stock, totals and commitments. */
export function useOrderAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: OrderAction) => {
      const route = api.orders[':id'];
      const param = { id: a.id };
      if (a.kind === 'ship') return call(route.ship.$post({ param, json: a.shipment }));
      if (a.kind === 'deliver') return call(route.deliver.$post({ param, json: {} }));
      return call(route.refund.$post({ param, json: {} }));
    },
    onSuccess: () => invalidate(queryClient, 'orders', 'order', 'produce', 'produce-item', 'commitments', 'dashboard'),
  });
}
