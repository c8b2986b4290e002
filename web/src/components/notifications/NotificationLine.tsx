import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../../shared/schemas/notifications';
import { formatInstant } from '../../lib/dates';
import { whenShort } from '../../lib/relative-time';

/**
 * One notification: a dot while unread, its title, its text and when. The whole line is the
 * button (it marks it read and opens what it is about); `extra` holds the page's own actions.
 */
export function NotificationLine({ n, onOpen, compact, extra }: { n: Notification; onOpen: (n: Notification) => void; compact?: boolean; extra?: ReactNode }) {
  const { t } = useTranslation();
  const unread = !n.readAt;
  return (
    <div className={`notice${unread ? ' notice-unread' : ''}${compact ? ' notice-compact' : ''}`} data-testid="notification" data-unread={unread}>
      <span className="notice-dot" aria-label={unread ? t('notifications.markRead') : undefined} />
      <button type="button" className="notice-main" onClick={() => onOpen(n)}>
        <span className="notice-title">{n.title}</span>
        <span className="notice-body">{n.body}</span>
        <Tooltip title={formatInstant(n.createdAt)}>
          <span className="notice-time">{whenShort(n.createdAt)}</span>
        </Tooltip>
      </button>
      {extra && <div className="notice-extra">{extra}</div>}
    </div>
  );
}
