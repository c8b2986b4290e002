import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ORG_STATUSES, type Organization } from '../../../../shared/schemas/organizations';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { OrganizationDetail } from './OrganizationDetail';
import { OrganizationForm } from './OrganizationForm';
import { OrganizationTable } from './OrganizationTable';
import { useOrganizationChanges } from '../../api/organization-changes';
import { useOrganizations } from '../../api/organizations';
import { ChangeRequests } from './ChangeRequests';
import { ReviewModal, type ReviewTarget } from './ReviewModal';

type Status = Organization['status'];

/** Enterprises and social organizations: register, review (approve / reject / suspend), inspect. */
export default function OrganizationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (ORG_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [reviewing, setReviewing] = useState<ReviewTarget | null>(null);
  const orgs = useOrganizations(status);
  const tab = params.get('tab') === 'changes' ? 'changes' : 'list';
  const pendingChanges = useOrganizationChanges({ status: 'pending' });
  const pendingCount = pendingChanges.items.length;

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        subtitle={t('organizations.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('organizations.create')}
          </Button>
        }
      />
      <Card className="table-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'changes' ? { tab: 'changes' } : {}, { replace: true })}
          items={[
            {
              key: 'list',
              label: t('orgChanges.tabOrganizations'),
              children: (
                <>
                  <div className="filter-bar">
                    <StatusFilter<Status>
                      statuses={ORG_STATUSES}
                      value={status}
                      label={(s) => t(`orgStatus.${s}`)}
                      onChange={(s) => setParams(s ? { status: s } : {}, { replace: true })}
                    />
                  </div>
                  {orgs.isError ? (
                    <ErrorResult error={orgs.error} onRetry={() => void orgs.refetch()} />
                  ) : (
                    <>
                      <OrganizationTable orgs={orgs.items} loading={orgs.isPending} onOpen={setOpenId} onReview={setReviewing} />
                      <LoadMore
                        hasMore={orgs.hasNextPage}
                        loading={orgs.isFetchingNextPage}
                        onMore={() => void orgs.fetchNextPage()}
                        shown={orgs.items.length}
                      />
                    </>
                  )}
                </>
              ),
            },
            {
              key: 'changes',
              label: (
                <span data-testid="changes-tab">
                  {t('orgChanges.tab')} <Badge count={pendingCount} size="small" overflowCount={19} />
                </span>
              ),
              children: <ChangeRequests onOpen={setOpenId} />,
            },
          ]}
        />
      </Card>
      <OrganizationDetail id={openId} onClose={() => setOpenId(null)} />
      <OrganizationForm open={creating} onClose={() => setCreating(false)} />
      <ReviewModal target={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
