import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Fulfilment, Order, Shipment } from '../../../shared/schemas/orders';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type OrderFilters = { status?: Order['status']; villageId?: string; paidMonth?: string; orderNo?: string };

/** GET /api/orders: orders for the caller's listings (the bureau: all), newest first, 20 a page. */
export function useOrders(f: OrderFilters) {
  return useCursorList<Order>(['orders', f], (cursor) =>
    call(
      api.orders.$get({
        query: {
          limit: '20',
          ...(f.status ? { status: f.status } : {}),
          ...(f.villageId ? { villageId: f.villageId } : {}),
          ...(f.paidMonth ? { paidMonth: f.paidMonth } : {}),
          ...(f.orderNo ? { orderNo: f.orderNo } : {}),
          ...(cursor ? { cursor } : {}),
        },
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

/** One parcel's next step: ship (carrier + tracking number), deliver, or refund (with an optional reason). */
export type ParcelAction =
  | { kind: 'ship'; orderId: string; fulfilmentId: Fulfilment['id']; shipment: Shipment }
  | { kind: 'deliver'; orderId: string; fulfilmentId: Fulfilment['id'] }
  | { kind: 'refund'; orderId: string; fulfilmentId: Fulfilment['id']; reason?: string };

/**
 * POST /api/orders/:id/fulfilments/:fulfilmentId/ship|deliver|refund: one seller's parcel moves
 * (an org_member only its own). A refund gives back exactly the parcel's amount; stock, totals,
 * commitments and the seller's settlement follow.
 */
export function useParcelAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: ParcelAction) => {
      const route = api.orders[':id'].fulfilments[':fulfilmentId'];
      const param = { id: a.orderId, fulfilmentId: a.fulfilmentId };
      if (a.kind === 'ship') return call(route.ship.$post({ param, json: a.shipment }));
      if (a.kind === 'deliver') return call(route.deliver.$post({ param, json: {} }));
      return call(route.refund.$post({ param, json: a.reason ? { reason: a.reason } : {} }));
    },
    onSuccess: () => invalidate(queryClient, 'orders', 'order', 'produce', 'produce-item', 'commitments', 'dashboard', 'settlements'),
  });
}
