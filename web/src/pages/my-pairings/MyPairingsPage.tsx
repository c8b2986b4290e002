import { Button, Card, Drawer, Empty, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PAIRING_STATUSES, type Pairing } from '../../../../shared/schemas/pairings';
import { ActivityFormModal } from '../../components/activities/ActivityFormModal';
import { ActivityList } from '../../components/activities/ActivityList';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { useIsPhone } from '../../lib/use-is-phone';
import { usePairings } from '../../api/pairings';
import { MyPairingCard } from './MyPairingCard';

type Status = Pairing['status'];

/** My organization's pairings (the API shows an org_member only its own), their activities, and logging help. */
export default function MyPairingsPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [status, setStatus] = useState<Status | undefined>();
  const [viewing, setViewing] = useState<Pairing | null>(null);
  const [logging, setLogging] = useState<Pairing | null>(null);
  const pairings = usePairings(status);

  return (
    <>
      <PageHeader title={t('myPairings.title')} subtitle={t('myPairings.subtitle')} />
      <div className="filter-bar">
        <StatusFilter<Status> statuses={PAIRING_STATUSES} value={status} label={(s) => t(`pairingStatus.${s}`)} onChange={setStatus} />
      </div>
      {pairings.isError ? (
        <ErrorResult error={pairings.error} onRetry={() => void pairings.refetch()} />
      ) : pairings.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      ) : pairings.items.length === 0 ? (
        <Card>
          <Empty description={t('myPairings.empty')}>
            <Link to="/claim">
              <Button type="primary">{t('myPairings.goClaim')}</Button>
            </Link>
          </Empty>
        </Card>
      ) : (
        <div className="card-stack">
          {pairings.items.map((p) => (
            <MyPairingCard key={p.id} pairing={p} onActivities={() => setViewing(p)} onLog={() => setLogging(p)} />
          ))}
          <LoadMore
            hasMore={pairings.hasNextPage}
            loading={pairings.isFetchingNextPage}
            onMore={() => void pairings.fetchNextPage()}
            shown={pairings.items.length}
          />
        </div>
      )}
      <Drawer
        open={viewing !== null}
        onClose={() => setViewing(null)}
        size={isPhone ? '100%' : 640}
        title={viewing && t('activities.drawerTitle', { village: viewing.villageName })}
        extra={
          viewing?.status === 'active' && (
            <Button type="primary" onClick={() => setLogging(viewing)}>
              {t('activities.log')}
            </Button>
          )
        }
      >
        {viewing && <ActivityList pairingId={viewing.id} organizationId={viewing.organizationId} />}
      </Drawer>
      <ActivityFormModal pairing={logging} onClose={() => setLogging(null)} />
    </>
  );
}
