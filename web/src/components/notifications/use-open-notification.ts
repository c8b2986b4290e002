import { App } from 'antd';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../../shared/schemas/notifications';
import { useDescribeError } from '../../api/describe';
import { useMarkRead } from '../../api/notifications';

/** Opening a notification marks it read and goes to what it is about, when it says. */
export function useOpenNotification(after?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const { message } = App.useApp();
  const describe = useDescribeError();
  return (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => void message.error(describe(e)) });
    after?.();
    if (!n.link) return;
    if (/^https?:\/\//.test(n.link)) window.location.assign(n.link);
    else void navigate(n.link);
  };
}
