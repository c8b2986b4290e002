import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Notification, NotificationPage, NotificationQuery, NotificationSettings, NotificationSettingsPatch } from '../../../shared/schemas/notifications.js';
import type { Env } from '../../http/context.js';
import { BEARER, ERRORS, jsonBody, jsonOk, SIGNED_IN } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { listNotifications, markAllRead, markRead, mySettings, updateMySettings } from './service.js';

/**
 * The bell and the notification settings: any signed-in user, its own only. The back office's
 * (ledger) function serves them on AWS, built in a factory marked pure so the api bundle leaves
 * them out (see functions/app-full.ts mountLedgerRoutes).
 */
function makeNotificationRoutes() {
  const tags = ['notifications'];
  const list = createRoute({
    method: 'get',
    path: '/notifications',
    operationId: 'listNotifications',
    description: SIGNED_IN,
    tags,
    summary: 'The caller’s notifications, newest first, with the unread count',
    security: BEARER,
    request: { query: NotificationQuery },
    responses: { 200: jsonOk(NotificationPage, 'notifications'), ...ERRORS },
  });
  const read = createRoute({
    method: 'post',
    path: '/notifications/{id}/read',
    operationId: 'markNotificationRead',
    description: SIGNED_IN,
    tags,
    summary: 'Mark one of the caller’s notifications read (another user’s: 404)',
    security: BEARER,
    request: { params: IdParams },
    responses: { 200: jsonOk(Notification, 'the notification'), ...ERRORS },
  });
  const readAll = createRoute({
    method: 'post',
    path: '/notifications/read-all',
    operationId: 'markAllNotificationsRead',
    description: SIGNED_IN,
    tags,
    summary: 'Mark all the caller’s notifications read',
    security: BEARER,
    responses: { 200: jsonOk(z.object({ marked: z.number().int(), unread: z.number().int() }), 'how many'), ...ERRORS },
  });
  const getSettings = createRoute({
    method: 'get',
    path: '/me/notification-settings',
    operationId: 'getNotificationSettings',
    description: SIGNED_IN,
    tags,
    summary: 'The caller’s language and which notifications reach its email',
    security: BEARER,
    responses: { 200: jsonOk(NotificationSettings, 'settings'), ...ERRORS },
  });
  const patchSettings = createRoute({
    method: 'patch',
    path: '/me/notification-settings',
    operationId: 'updateNotificationSettings',
    description: SIGNED_IN,
    tags,
    summary: 'Change the caller’s language or email choices',
    security: BEARER,
    request: { body: jsonBody(NotificationSettingsPatch) },
    responses: { 200: jsonOk(NotificationSettings, 'settings'), ...ERRORS },
  });
  return new OpenAPIHono<Env>()
    .openapi(list, async (c) => c.json(await listNotifications(serviceContext(c), c.req.valid('query')), 200))
    .openapi(readAll, async (c) => c.json(await markAllRead(serviceContext(c)), 200))
    .openapi(read, async (c) => c.json(await markRead(serviceContext(c), c.req.valid('param').id), 200))
    .openapi(getSettings, async (c) => c.json(await mySettings(serviceContext(c)), 200))
    .openapi(patchSettings, async (c) => c.json(await updateMySettings(serviceContext(c), c.req.valid('json')), 200));
}

export const notificationRoutes = /* @__PURE__ */ makeNotificationRoutes();
