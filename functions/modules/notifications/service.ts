import type { Notification, NotificationSettings, NotificationSettingsPatch } from '../../../shared/schemas/notifications.js';
import { AppError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { getSettings, markNoteReadTx, noteKey, putSettingsTx, unreadCount, type NoteItem } from './store.js';

const view = (n: NoteItem & { pk?: string; sk?: string }): Notification => {
  const { pk: _p, sk: _s, userId: _u, ...rest } = n;
  return rest;
};

/** The caller's bell: its own notifications only (the partition is the caller's), newest first. */
export async function listNotifications(ctx: ServiceContext, q: { unread?: 'true' | 'false'; limit: number; cursor?: string }) {
  const [page, unread] = await Promise.all([
    ctx.store.query<NoteItem>({
      pk: noteKey(ctx.store, ctx.caller.userId, '').pk,
      forward: false,
      limit: q.limit,
      cursor: q.cursor,
      ...(q.unread === 'true'
        ? { filter: { expression: 'attribute_not_exists(readAt)' } }
        : q.unread === 'false'
          ? { filter: { expression: 'attribute_exists(readAt)' } }
          : {}),
    }),
    unreadCount(ctx.store, ctx.caller.userId),
  ]);
  return { items: page.items.map(view), nextCursor: page.nextCursor, unread };
}

/**
 * Marks one of the caller's notifications read (another user's id: 404, it is not in the caller's
 * partition). Read twice, it counts once: the count moves only with the first.
 */
export async function markRead(ctx: ServiceContext, id: string): Promise<Notification> {
  const k = noteKey(ctx.store, ctx.caller.userId, id);
  const note = await ctx.store.get<NoteItem>(k.pk, k.sk);
  if (!note) throw AppError.notFound('通知');
  if (note.readAt) return view(note);
  const readAt = ctx.now.toISOString();
  try {
    await ctx.store.transact([...markNoteReadTx(ctx.store, ctx.caller.userId, id, readAt)]);
  } catch (e) {
    if (!(e instanceof AppError && e.status === 409)) throw e; // read meanwhile
  }
  return view({ ...note, readAt: note.readAt ?? readAt });
}

/** Every unread one of the caller's read (at most 500 at a time: the bell's "mark all read"). */
export async function markAllRead(ctx: ServiceContext): Promise<{ marked: number; unread: number }> {
  const unread = await ctx.store.queryAll<NoteItem>(
    { pk: noteKey(ctx.store, ctx.caller.userId, '').pk, filter: { expression: 'attribute_not_exists(readAt)' } },
    500,
  );
  let marked = 0;
  for (const n of unread) {
    const before = n.readAt;
    if (!before && !(await markRead(ctx, n.id)).readAt) continue;
    marked += 1;
  }
  return { marked, unread: await unreadCount(ctx.store, ctx.caller.userId) };
}

export async function mySettings(ctx: ServiceContext): Promise<NotificationSettings> {
  return getSettings(ctx.store, ctx.caller.userId);
}

export async function updateMySettings(ctx: ServiceContext, patch: NotificationSettingsPatch): Promise<NotificationSettings> {
  const before = await getSettings(ctx.store, ctx.caller.userId);
  const after: NotificationSettings = { locale: patch.locale ?? before.locale, email: { ...before.email, ...(patch.email ?? {}) } };
  await ctx.store.transact([putSettingsTx(ctx.store, ctx.caller.userId, after)]);
  return after;
}
