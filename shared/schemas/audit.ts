import { z } from 'zod';
import { isCalendarDate } from '../dates.js';
import { Id, ListQuery } from './common.js';

/** The actor of a write made without an account: a public page (checkout, a concern, an application). */
export const PUBLIC_ACTOR_ID = 'public';
/** The actor of a write made by the payment provider's signed webhook (a payment, an expiry). */
export const PAYMENT_PROVIDER_ACTOR_ID = 'payment-provider';

/**
 * Who made a change: a signed-in user (its id, email and role), or `public` (role `public`, no email:
 * nothing about the client is kept) or `payment-provider` (role `payment_provider`, with the
 * provider's event id, e.g. Stripe's `evt_…`).
 */
export const AuditActor = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  eventId: z.string().optional(),
});
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditEvent = z.object({
  id: Id,
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  actor: AuditActor,
  at: z.string(),
  before: z.any().nullable(),
  after: z.any().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AUDITED_ENTITIES = [
  'village',
  'organization',
  'pairing',
  'activity',
  'user',
  'tenant',
  'produce',
  'order',
  'commitment',
  'donation',
  'expenditure',
  'concern',
  'report',
  'need',
  'payout',
  'application',
  'campaign',
  'story',
  'recognition_category',
  'assessment_scheme',
  'assessment',
  'helper',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A whole day (YYYY-MM-DD, in the tenant's time zone) or an instant (ISO 8601 with its offset). */
export const AuditTime = z
  .string()
  .max(40)
  .refine((v) => isCalendarDate(v) || (ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v))), { message: '日期格式应为 YYYY-MM-DD 或带时区的 ISO 时间' });

/**
 * `entity` and `id`: one record's trail, oldest first. Without `id`: the tenant's events, newest
 * first, narrowed by `actor` (a user id, `public` or `payment-provider`), `entity`, and `from`/`to`
 * (both inclusive; a date is the whole day in the tenant's time zone).
 */
export const AuditQuery = ListQuery.extend({
  entity: z.enum(AUDITED_ENTITIES, { error: '记录类型无效' }).optional(),
  id: Id.optional(),
  actor: z.string().min(1).max(100, { error: '操作人过长' }).optional(),
  from: AuditTime.optional(),
  to: AuditTime.optional(),
}).refine((q) => !q.id || q.entity, { message: '查看单条记录的操作记录时请同时指定记录类型', path: ['entity'] });
export type AuditQuery = z.infer<typeof AuditQuery>;
