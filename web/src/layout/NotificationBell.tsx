import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Flex, Popover, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDescribeError } from '../api/describe';
import { useBell, useMarkAllRead } from '../api/notifications';
import { NotificationLine } from '../components/notifications/NotificationLine';
import { useOpenNotification } from '../components/notifications/use-open-notification';

/**
 * The header's bell: the unread count, and the latest ten a click away. A phone has no room beside
 * the bell for the list, so there it opens the notifications page instead.
 */
export function NotificationBell({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [open, setOpen] = useState(false);
  const bell = useBell();
  const markAll = useMarkAllRead();
  const openOne = useOpenNotification(() => setOpen(false));
  const unread = bell.data?.unread ?? 0;
  const items = bell.data?.items ?? [];

  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (r) => void message.success(t('notifications.markedAll', { n: r.marked })),
      onError: (e) => void message.error(describe(e)),
    });

  const panel = (
    <div className="bell-panel" data-testid="bell-panel">
      <Flex justify="space-between" align="center" className="bell-head">
        <Typography.Text strong>
          {t('bell.title')}
          {unread > 0 && <span className="bell-unread">{t('bell.unread', { n: unread })}</span>}
        </Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} loading={markAll.isPending} onClick={readAll} data-testid="bell-read-all">
          {t('bell.markAll')}
        </Button>
      </Flex>
      <div className="bell-list">
        {bell.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} className="bell-skeleton" />
        ) : bell.isError ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={describe(bell.error)} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
        ) : (
          items.map((n) => <NotificationLine key={n.id} n={n} onOpen={openOne} compact />)
        )}
      </div>
      <Button
        type="text"
        block
        className="bell-foot"
        onClick={() => {
          setOpen(false);
          void navigate('/notifications');
        }}
        data-testid="bell-view-all"
      >
        {t('bell.viewAll')}
      </Button>
    </div>
  );

  const button = (
    <Badge count={unread} overflowCount={99} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        shape="circle"
        icon={<BellOutlined className="bell-icon" />}
        aria-label={t('bell.label')}
        onClick={compact ? () => navigate('/notifications') : undefined}
        data-testid="bell"
        data-unread={unread}
      />
    </Badge>
  );
  if (compact) return button;

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      arrow={false}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void bell.refetch();
      }}
      content={panel}
      styles={{ container: { padding: 0 } }}
    >
      {button}
    </Popover>
  );
}
