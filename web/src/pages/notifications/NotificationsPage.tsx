import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Segmented, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDescribeError } from '../../api/describe';
import { useBell, useMarkAllRead, useMarkRead, useNotificationList } from '../../api/notifications';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { NotificationLine } from '../../components/notifications/NotificationLine';
import { useOpenNotification } from '../../components/notifications/use-open-notification';
import { PageHeader } from '../../components/PageHeader';

type Filter = 'all' | 'unread';

/** Every notification of the signed-in user, newest first, all or the unread only. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [params, setParams] = useSearchParams();
  const filter: Filter = params.get('unread') === 'true' ? 'unread' : 'all';
  const list = useNotificationList(filter === 'unread');
  const unread = useBell().data?.unread ?? 0;
  const markAll = useMarkAllRead();
  const markRead = useMarkRead();
  const openOne = useOpenNotification();

  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (r) => void message.success(t('notifications.markedAll', { n: r.marked })),
      onError: (e) => void message.error(describe(e)),
    });

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle')}
        extra={
          <>
            <Button icon={<SettingOutlined />} onClick={() => navigate('/settings/notifications')}>
              {t('notifications.settings')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={unread === 0}
              loading={markAll.isPending}
              onClick={readAll}
              data-testid="notifications-read-all"
            >
              {t('notifications.markAll')}
            </Button>
          </>
        }
      />
      <Card className="table-card notice-card">
        <div className="filter-bar">
          <Segmented<Filter>
            value={filter}
            onChange={(f) => setParams(f === 'unread' ? { unread: 'true' } : {}, { replace: true })}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'unread', label: unread > 0 ? `${t('notifications.unreadOnly')} · ${unread}` : t('notifications.unreadOnly') },
            ]}
            data-testid="notifications-filter"
          />
        </div>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : list.items.length === 0 ? (
          <Empty
            className="notice-empty"
            description={filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')}
            data-testid="notifications-empty"
          >
            {filter === 'all' && <span className="muted">{t('notifications.emptyHint')}</span>}
          </Empty>
        ) : (
          <>
            <div className="notice-list">
              {list.items.map((n) => (
                <NotificationLine
                  key={n.id}
                  n={n}
                  onOpen={openOne}
                  extra={
                    <>
                      {!n.readAt && (
                        <Button type="link" size="small" onClick={() => markRead.mutate(n.id, { onError: (e) => void message.error(describe(e)) })}>
                          {t('notifications.markRead')}
                        </Button>
                      )}
                      {n.link && (
                        <Button type="link" size="small" onClick={() => openOne(n)}>
                          {t('notifications.open')}
                        </Button>
                      )}
                    </>
                  }
                />
              ))}
            </div>
            <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
          </>
        )}
      </Card>
    </>
  );
}
