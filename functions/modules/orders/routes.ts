import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Page } from '../../../shared/schemas/common.js';
import { FulfilmentParams, Order, OrderQuery, RefundInput, Shipment } from '../../../shared/schemas/orders.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { actOnFulfilment, deliverOrder, getOrder, listOrders, refundOrder, shipOrder } from './service.js';

const tags = ['orders'];
const optionalBody = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: false as const });

const list = createRoute({
  method: 'get',
  path: '/orders',
  operationId: 'listOrders',
  description: access('order.read'),
  tags,
  summary: 'Orders, newest first: the bureau all, an org_member those holding its listings',
  security: BEARER,
  middleware: [authorize('order.read')] as const,
  request: { query: OrderQuery },
  responses: { 200: jsonOk(Page(Order), 'orders'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/orders/{id}',
  operationId: 'getOrder',
  description: access('order.read'),
  tags,
  summary: 'One order, with the buyer’s contact in full (to ship it)',
  security: BEARER,
  middleware: [authorize('order.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Order, 'the order'), ...ERRORS },
});

const ship = createRoute({
  method: 'post',
  path: '/orders/{id}/ship',
  operationId: 'shipOrder',
  description: access('order.fulfil'),
  tags,
  summary: 'paid → shipped, with the carrier and tracking number',
  security: BEARER,
  middleware: [authorize('order.fulfil')] as const,
  request: { params: IdParams, body: jsonBody(Shipment) },
  responses: { 200: jsonOk(Order, 'the shipped order'), ...ERRORS },
});

const deliver = createRoute({
  method: 'post',
  path: '/orders/{id}/deliver',
  operationId: 'deliverOrder',
  description: access('order.fulfil'),
  tags,
  summary: 'shipped → delivered',
  security: BEARER,
  middleware: [authorize('order.fulfil')] as const,
  request: { params: IdParams, body: optionalBody(z.object({})) },
  responses: { 200: jsonOk(Order, 'the delivered order'), ...ERRORS },
});

const refund = createRoute({
  method: 'post',
  path: '/orders/{id}/refund',
  operationId: 'refundOrder',
  description: access('order.refund'),
  tags,
  summary: 'paid | shipped | delivered → refunded (a Stripe refund with a key); stock and totals follow',
  security: BEARER,
  middleware: [authorize('order.refund')] as const,
  request: { params: IdParams, body: optionalBody(RefundInput) },
  responses: { 200: jsonOk(Order, 'the refunded order'), ...ERRORS },
});

const parcel = { description: 'a parcel: one seller’s part of a paid order (an org_member acts on its own only; another’s is a 404)' };

const shipParcel = createRoute({
  method: 'post',
  path: '/orders/{id}/fulfilments/{fulfilmentId}/ship',
  operationId: 'shipFulfilment',
  tags,
  summary: 'One parcel paid → shipped, with the carrier and tracking number',
  description: `${access('order.fulfil')} The fulfilment: ${parcel.description}.`,
  security: BEARER,
  middleware: [authorize('order.fulfil')] as const,
  request: { params: FulfilmentParams, body: jsonBody(Shipment) },
  responses: { 200: jsonOk(Order, 'the order (as the caller sees it)'), ...ERRORS },
});

const deliverParcel = createRoute({
  method: 'post',
  path: '/orders/{id}/fulfilments/{fulfilmentId}/deliver',
  operationId: 'deliverFulfilment',
  tags,
  summary: 'One parcel shipped → delivered',
  description: `${access('order.fulfil')} The fulfilment: ${parcel.description}.`,
  security: BEARER,
  middleware: [authorize('order.fulfil')] as const,
  request: { params: FulfilmentParams, body: optionalBody(z.object({})) },
  responses: { 200: jsonOk(Order, 'the order (as the caller sees it)'), ...ERRORS },
});

const refundParcel = createRoute({
  method: 'post',
  path: '/orders/{id}/fulfilments/{fulfilmentId}/refund',
  operationId: 'refundFulfilment',
  tags,
  summary: 'One parcel refunded: exactly its amount back (a partial Stripe refund with a key), its unshipped units back on sale, totals and settlement moved',
  description: `${access('order.refund')} The fulfilment: ${parcel.description}.`,
  security: BEARER,
  middleware: [authorize('order.refund')] as const,
  request: { params: FulfilmentParams, body: optionalBody(RefundInput) },
  responses: { 200: jsonOk(Order, 'the order (as the caller sees it)'), ...ERRORS },
});

export const orderRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listOrders(serviceContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getOrder(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(ship, async (c) => c.json(await shipOrder(serviceContext(c), c.var.deps.payments, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(deliver, async (c) => c.json(await deliverOrder(serviceContext(c), c.var.deps.payments, c.req.valid('param').id), 200))
  .openapi(refund, async (c) => c.json(await refundOrder(serviceContext(c), c.var.deps.payments, c.req.valid('param').id, c.req.valid('json')?.reason), 200))
  .openapi(shipParcel, async (c) => {
    const p = c.req.valid('param');
    return c.json(await actOnFulfilment(serviceContext(c), c.var.deps.payments, p.id, p.fulfilmentId, 'ship', { shipment: c.req.valid('json') }), 200);
  })
  .openapi(deliverParcel, async (c) => {
    const p = c.req.valid('param');
    return c.json(await actOnFulfilment(serviceContext(c), c.var.deps.payments, p.id, p.fulfilmentId, 'deliver'), 200);
  })
  .openapi(refundParcel, async (c) => {
    const p = c.req.valid('param');
    return c.json(await actOnFulfilment(serviceContext(c), c.var.deps.payments, p.id, p.fulfilmentId, 'refund', { reason: c.req.valid('json')?.reason }), 200);
  });
