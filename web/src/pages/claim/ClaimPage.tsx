import { Alert, Card, Col, Empty, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Village } from '../../../../shared/schemas/villages';
import { useMe } from '../../auth/auth-context';
import { useClaimBlockedReason } from '../../components/cockpit/StandingBanner';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useOrganization } from '../../api/organizations';
import { VillageFilters } from '../../components/VillageFilters';
import { useVillages, type VillageFilters as Filters } from '../../api/villages';
import { ClaimModal } from './ClaimModal';
import { useLivePairingsByVillage } from './queries';
import { VillageCard } from './VillageCard';

/** The villages an organization may claim, uncovered supervised ones first (rule 1). */
export default function ClaimPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const [claiming, setClaiming] = useState<Village | null>(null);
  const villages = useVillages(filters);
  const live = useLivePairingsByVillage();
  const org = useOrganization(me.organizationId);
  const approved = org.data?.status === 'approved';
  // rule 10: four unreported weeks in a row block new claims until the organization reports
  const reportingBlocked = useClaimBlockedReason();
  const blockedReason = org.data && !approved ? t('claim.orgNotApproved') : reportingBlocked;

  return (
    <>
      <PageHeader title={t('claim.title')} subtitle={t('claim.subtitle')} />
      {org.data && !approved && (
        <Alert type="warning" showIcon title={t('claim.orgNotApproved')} description={t('claim.orgNotApprovedHint')} className="page-alert" />
      )}
      <Card className="table-card">
        <VillageFilters value={filters} onChange={setFilters} />
      </Card>
      {villages.isError ? (
        <ErrorResult error={villages.error} onRetry={() => void villages.refetch()} />
      ) : villages.isPending || live.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : villages.items.length === 0 ? (
        <Card>
          <Empty description={t('claim.empty')} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {villages.items.map((v) => (
              <Col key={v.id} xs={24} md={12} xl={8} xxl={6}>
                <VillageCard village={v} live={live.data?.get(v.id)} blockedReason={blockedReason} onClaim={() => setClaiming(v)} />
              </Col>
            ))}
          </Row>
          <LoadMore
            hasMore={villages.hasNextPage}
            loading={villages.isFetchingNextPage}
            onMore={() => void villages.fetchNextPage()}
            shown={villages.items.length}
          />
        </>
      )}
      <ClaimModal village={claiming} onClose={() => setClaiming(null)} />
    </>
  );
}
