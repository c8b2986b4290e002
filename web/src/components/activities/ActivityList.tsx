import { Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useHelpers } from '../../api/helpers';
import { formatList } from '../../lib/format-list';
import { ActivityPhotos } from './ActivityPhotos';
import { api, call } from '../../api/client';
import { useCursorList } from '../../api/cursor';
import { ErrorResult } from '../ErrorResult';
import { LoadMore } from '../LoadMore';
import { Money } from '../Money';

export const activitiesKey = (pairingId: string) => ['activities', pairingId] as const;

/** A pairing's help activities (帮扶活动), newest first. */
export function ActivityList({ pairingId, organizationId }: { pairingId: string; organizationId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
  // the named participants' names (the organization's helpers; the list has their ids)
  const helpers = useHelpers(organizationId);
  const nameOf = new Map((helpers.data ?? []).map((h) => [h.id, h.name]));
  const list = useCursorList(activitiesKey(pairingId), (cursor) =>
    call(api.pairings[':id'].activities.$get({ param: { id: pairingId }, query: { limit: '20', ...(cursor ? { cursor } : {}) } })),
  );
  if (list.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) return <Empty description={t('activities.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <>
      <ul className="plain-list" data-testid="activity-list">
        {list.items.map((a) => (
          <li key={a.id} className="activity-item">
            <Space wrap size={[8, 4]}>
              <Typography.Text strong>{a.date}</Typography.Text>
              <Tag color="geekblue">{t(`activityType.${a.type}`)}</Tag>
              <span className="muted">
                <TeamOutlined /> {t('activities.people', { n: a.peopleReached })}
              </span>
              {a.amountFen !== undefined && (
                <span>
                  {t('activities.money')} <Money fen={a.amountFen} />
                </span>
              )}
              {a.participants && (
                <span data-testid="activity-participants">
                  {a.participants.helperIds?.length
                    ? t('activities.wentNames', {
                        n: a.participants.headcount,
                        names: formatList(
                          a.participants.helperIds.map((id) => nameOf.get(id) ?? '—'),
                          lang,
                        ),
                      })
                    : t('activities.went', { n: a.participants.headcount })}
                </span>
              )}
              {a.mode && <Tag>{t(`activities.modes.${a.mode}`)}</Tag>}
              {a.goodsFen !== undefined && (
                <span>
                  {t('activities.goods')} <Money fen={a.goodsFen} />
                </span>
              )}
            </Space>
            <Typography.Paragraph style={{ margin: '6px 0 0' }}>{a.description}</Typography.Paragraph>
            <ActivityPhotos photos={a.photos ?? []} />
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
    </>
  );
}
