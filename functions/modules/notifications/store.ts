import { USER_EMAIL_KINDS, type Locale, type Notification, type NotificationSettings } from '../../../shared/schemas/notifications.js';
import type { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/** A user's bell: one item per notification delivered to it. */
export type NoteItem = Notification & { userId: string };

// Access pattern: a user's notifications, newest first → pk NOTE#<userId>, sk <notification id> (time-ordered).
export const noteKey = (store: TenantStore, userId: string, id: string) => ({ pk: store.pk('NOTE', userId), sk: id });
// Access pattern: a user's unread count (the bell's badge) → pk NOTECOUNT, sk <userId>.
export const unreadKey = (store: TenantStore, userId: string) => ({ pk: store.pk('NOTECOUNT'), sk: userId });
// Access pattern: a user's notification settings → pk NSET, sk <userId>.
export const settingsKey = (store: TenantStore, userId: string) => ({ pk: store.pk('NSET'), sk: userId });
// Access pattern: one email of one notification to one recipient, sent or being sent → pk MAILED, sk <notification id>#<recipient>.
export const mailedKey = (store: TenantStore, id: string, recipient: string) => ({ pk: store.pk('MAILED'), sk: `${id}#${recipient}` });

export const defaultSettings = (locale: Locale = 'zh-CN'): NotificationSettings => ({
  locale,
  email: Object.fromEntries(USER_EMAIL_KINDS.map((k) => [k, true])) as NotificationSettings['email'],
});

export async function getSettings(store: TenantStore, userId: string): Promise<NotificationSettings> {
  const k = settingsKey(store, userId);
  const item = await store.get<Partial<NotificationSettings>>(k.pk, k.sk, false);
  const d = defaultSettings();
  return { locale: item?.locale ?? d.locale, email: { ...d.email, ...(item?.email ?? {}) } };
}

/** Several users' settings in one batch read (the worker's recipients), defaults where none are stored. */
export async function settingsOf(store: TenantStore, userIds: string[]): Promise<Map<string, NotificationSettings>> {
  const items = userIds.length ? await store.getMany<Partial<NotificationSettings> & { sk: string }>(userIds.map((id) => settingsKey(store, id))) : [];
  const byUser = new Map(items.map((i) => [i.sk, i]));
  const d = defaultSettings();
  return new Map(userIds.map((id) => [id, { locale: byUser.get(id)?.locale ?? d.locale, email: { ...d.email, ...(byUser.get(id)?.email ?? {}) } }]));
}

export function putSettingsTx(store: TenantStore, userId: string, s: NotificationSettings): TxItem {
  return { Put: { Item: { ...settingsKey(store, userId), ...s } } };
}

/**
 * The bell's item and the unread count, together; conditional on the item not being there, so a
 * redelivered notification is neither shown nor counted twice.
 */
export function putNoteTx(store: TenantStore, note: NoteItem): TxItem[] {
  return [
    { Put: { Item: { ...noteKey(store, note.userId, note.id), ...note }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: { Key: unreadKey(store, note.userId), UpdateExpression: 'ADD unread :one', ExpressionAttributeValues: { ':one': 1 } } },
  ];
}

/**
 * A notification read, and the unread count down by one; conditional on it not being read yet, so
 * read twice it counts once (the second fails with a 409).
 */
export function markNoteReadTx(store: TenantStore, userId: string, id: string, readAt: string): TxItem[] {
  return [
    {
      Update: {
        Key: noteKey(store, userId, id),
        UpdateExpression: 'SET readAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
        ExpressionAttributeValues: { ':at': readAt },
      },
    },
    { Update: { Key: unreadKey(store, userId), UpdateExpression: 'ADD unread :minus', ExpressionAttributeValues: { ':minus': -1 } } },
  ];
}

// Access pattern: a reminder or warning already sent → pk REMINDED#<weekStart>, sk <slot>#<orgId>.
const remindedKey = (store: TenantStore, weekStart: string, slot: string, orgId: string) => ({ pk: store.pk('REMINDED', weekStart), sk: `${slot}#${orgId}` });

/**
 * The marker of a reminder or warning (reminders.ts), in the notification's transaction: one per
 * week, slot and organization, so it goes once however often the job runs (`failWith` when it went
 * already). Kept 120 days (the table's TTL).
 */
export function remindedOnceTx(store: TenantStore, weekStart: string, slot: string, orgId: string, now: Date, failWith: AppError): TxItem {
  return {
    Put: {
      Item: { ...remindedKey(store, weekStart, slot, orgId), at: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + 120 * 86_400 },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
    failWith,
  };
}

export async function unreadCount(store: TenantStore, userId: string): Promise<number> {
  const k = unreadKey(store, userId);
  return Math.max(0, (await store.get<{ unread?: number }>(k.pk, k.sk, false))?.unread ?? 0);
}
