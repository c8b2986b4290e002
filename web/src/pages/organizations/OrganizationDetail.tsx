import { Drawer, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/auth-context';
import { AuditTimeline } from '../../components/audit/AuditTimeline';
import { ErrorResult } from '../../components/ErrorResult';
import { HelperList } from '../../components/helpers/HelperList';
import { OrgDescriptions } from '../../components/OrgDescriptions';
import { PairingList } from '../../components/PairingList';
import { useIsPhone } from '../../lib/use-is-phone';
import { useOrganization } from '../../api/organizations';
import { PayoutAccount } from './PayoutAccount';

/** One organization: its record (with the bureau's payout account), its pairings, its helpers (帮扶队员) and its audit trail. */
export function OrganizationDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const org = useOrganization(id);
  const bureau = useMe().role === 'bureau_admin';
  return (
    <Drawer open={id !== null} onClose={onClose} size={isPhone ? '100%' : 720} title={org.data?.name ?? t('organizations.detailTitle')}>
      {org.isPending && <Skeleton active />}
      {org.isError && <ErrorResult error={org.error} onRetry={() => void org.refetch()} />}
      {org.data && (
        <>
          <OrgDescriptions org={org.data} payoutAccount={bureau ? <PayoutAccount org={org.data} /> : undefined} />
          <Tabs
            className="detail-tabs"
            items={[
              { key: 'pairings', label: t('organizations.tabPairings'), children: <PairingList filter={{ organizationId: org.data.id }} show="village" /> },
              { key: 'helpers', label: t('helpers.tab'), children: <HelperList organizationId={org.data.id} /> },
              { key: 'audit', label: t('audit.tab'), children: <AuditTimeline entity="organization" id={org.data.id} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
