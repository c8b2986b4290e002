import { z } from 'zod';
import { Id, ListQuery } from './common.js';

/**
 * Notifications: what each kind is and who gets it. The worker renders each in the
 * recipient's language (functions/modules/notifications/templates.ts) for the bell and for email.
 */
export const NOTIFICATION_KINDS = [
  'application_received', // bureau
  'application_decided', // the applicant's email
  'invitation', // the invitee's email (always sent, not a setting)
  'password_reset', // the account's email (always sent, not a setting)
  'pairing_claimed', // bureau
  'pairing_approved', // organization
  'pairing_rejected', // organization
  'pairing_ended', // organization
  'report_reminder', // organization: Monday 09:00 and deadline day 12:00 (tenant's zone, per tenant)
  'report_ladder_warning', // organization
  'report_ladder_blocked', // organization
  'order_paid', // the seller (organization, or the bureau for its own listings)
  'parcel_shipped', // the buyer's email
  'donation_confirmed', // the donor's email, with the receipt link
  'concern_received', // the reporter's email, with the ticket number
  'concern_status', // the reporter's email
  'need_pledged', // bureau
  'need_met', // bureau
  'donation_logged', // bureau: a member logged a donation that waits for its confirmation
  'donation_reviewed', // organization: the bureau confirmed or rejected its logged donation
  'organization_change_requested', // bureau: a member asked to change its organization's name, kind or credit code
  'organization_change_decided', // organization: the bureau approved or rejected that change
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds a user may turn off for email (the bell always has them). */
export const USER_EMAIL_KINDS = [
  'application_received',
  'pairing_claimed',
  'pairing_approved',
  'pairing_rejected',
  'pairing_ended',
  'report_reminder',
  'report_ladder_warning',
  'report_ladder_blocked',
  'order_paid',
  'need_pledged',
  'need_met',
  'donation_logged',
  'donation_reviewed',
] as const satisfies readonly NotificationKind[];
export type UserEmailKind = (typeof USER_EMAIL_KINDS)[number];

export const Locale = z.enum(['zh-CN', 'en'], { error: '语言只能是 zh-CN 或 en' });
export type Locale = z.infer<typeof Locale>;

export const Notification = z.object({
  id: Id,
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  /** the console path it is about (/pairings/…), when there is one */
  link: z.string().optional(),
  createdAt: z.string(),
  readAt: z.string().optional(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({ items: z.array(Notification), nextCursor: z.string().nullable(), unread: z.number().int() });
export const NotificationQuery = ListQuery.extend({ unread: z.enum(['true', 'false'], { error: '只能是 true 或 false' }).optional() });

export const NotificationSettings = z.object({
  locale: Locale,
  /** per kind: whether it also reaches the user's email */
  email: z.record(z.enum(USER_EMAIL_KINDS), z.boolean()),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsPatch = z.object({
  locale: Locale.optional(),
  email: z.partialRecord(z.enum(USER_EMAIL_KINDS, { error: '通知类型无效' }), z.boolean({ error: '只能是 true 或 false' })).optional(),
});
export type NotificationSettingsPatch = z.infer<typeof NotificationSettingsPatch>;
