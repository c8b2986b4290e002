import { Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PAIRING_STATUSES, type Pairing } from '../../../../shared/schemas/pairings';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { BureauClaimModal } from './BureauClaimModal';
import { PairingActionModal, type ActionTarget } from './PairingActionModal';
import { PairingDetail } from './PairingDetail';
import { PairingTable } from './PairingTable';
import { usePairings } from '../../api/pairings';

type Status = Pairing['status'];

/** All pairings of the tenant: review claims, end pairings, read their activities and history. */
export default function PairingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (PAIRING_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const [openId, setOpenId] = useState<string | null>(null);
  const [acting, setActing] = useState<ActionTarget | null>(null);
  const pairings = usePairings(status);
  // the open pairing is read from the list, so it follows the list's refreshes
  const open = pairings.items.find((p) => p.id === openId) ?? null;

  return (
    <>
      <PageHeader title={t('pairings.title')} subtitle={t('pairings.subtitle')} />
      <Card className="table-card">
        <div className="filter-bar">
          <StatusFilter<Status>
            statuses={PAIRING_STATUSES}
            value={status}
            label={(s) => t(`pairingStatus.${s}`)}
            onChange={(s) => {
              const next = new URLSearchParams(params);
              if (s) next.set('status', s);
              else next.delete('status');
              setParams(next, { replace: true });
            }}
          />
        </div>
        {pairings.isError ? (
          <ErrorResult error={pairings.error} onRetry={() => void pairings.refetch()} />
        ) : (
          <>
            <PairingTable pairings={pairings.items} loading={pairings.isPending} onOpen={(p) => setOpenId(p.id)} onAction={setActing} />
            <LoadMore
              hasMore={pairings.hasNextPage}
              loading={pairings.isFetchingNextPage}
              onMore={() => void pairings.fetchNextPage()}
              shown={pairings.items.length}
            />
          </>
        )}
      </Card>
      <PairingDetail pairing={open} onClose={() => setOpenId(null)} />
      <PairingActionModal target={acting} onClose={() => setActing(null)} />
      <BureauClaimModal
        villageId={params.get('claimVillage')}
        onClose={() => {
          const next = new URLSearchParams(params);
          next.delete('claimVillage');
          setParams(next, { replace: true });
        }}
      />
    </>
  );
}
