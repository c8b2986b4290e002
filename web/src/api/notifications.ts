import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationSettingsPatch } from '../../../shared/schemas/notifications';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

/** How many the bell lists; the rest are on /notifications. */
export const BELL_SIZE = 10;
const BELL_POLL_MS = 60_000;

/**
 * The bell: the latest few and the unread count in one small call, asked again every minute while
 * the tab is visible and whenever the window regains focus.
 */
export function useBell() {
  return useQuery({
    queryKey: ['notifications', 'bell'],
    queryFn: () => call(api.notifications.$get({ query: { limit: String(BELL_SIZE) } })),
    refetchInterval: BELL_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** GET /api/notifications, newest first, 20 a page; unreadOnly narrows to the unread. */
export function useNotificationList(unreadOnly: boolean) {
  return useCursorList<Notification>(['notifications', 'list', { unreadOnly }], (cursor) =>
    call(api.notifications.$get({ query: { limit: '20', ...(unreadOnly ? { unread: 'true' as const } : {}), ...(cursor ? { cursor } : {}) } })),
  );
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.notifications[':id'].read.$post({ param: { id } })),
    onSuccess: () => invalidate(queryClient, 'notifications'),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.notifications['read-all'].$post()),
    onSuccess: () => invalidate(queryClient, 'notifications'),
  });
}

/** The caller's email language and which kinds also reach its inbox. */
export function useNotificationSettings() {
  return useQuery({
    queryKey: ['notification-settings'],
    queryFn: () => call(api.me['notification-settings'].$get()),
  });
}

export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: NotificationSettingsPatch) => call(api.me['notification-settings'].$patch({ json: patch })),
    onSuccess: (saved) => queryClient.setQueryData(['notification-settings'], saved),
  });
}
