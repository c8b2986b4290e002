import { Empty, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../shared/schemas/pairings';
import { api, call } from '../api/client';
import { useCursorList } from '../api/cursor';
import { ErrorResult } from './ErrorResult';
import { LoadMore } from './LoadMore';
import { PairingSteps } from './PairingSteps';
import { PairingStatusTag } from './status-tags';

type Filter = { villageId: string } | { organizationId: string };

/** The pairings of one village or one organization, each with its life in steps. */
export function PairingList({ filter, show }: { filter: Filter; show: 'organization' | 'village' }) {
  const { t } = useTranslation();
  const list = useCursorList<Pairing>(['pairings', 'of', filter], (cursor) =>
    call(api.pairings.$get({ query: { ...filter, limit: '20', ...(cursor ? { cursor } : {}) } })),
  );
  if (list.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pairings.noneHere')} />;
  return (
    <>
      <ul className="plain-list" data-testid="pairing-list">
        {list.items.map((p) => (
          <li key={p.id} className="pairing-row">
            <Space wrap>
              <Typography.Text strong>{show === 'organization' ? p.organizationName : p.villageName}</Typography.Text>
              <PairingStatusTag status={p.status} />
              <Typography.Text type="secondary">{t('activities.count', { n: p.activityCount })}</Typography.Text>
            </Space>
            <PairingSteps pairing={p} />
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
    </>
  );
}
