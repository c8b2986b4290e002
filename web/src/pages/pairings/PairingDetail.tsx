import { Descriptions, Drawer, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../../shared/schemas/pairings';
import { ActivityList } from '../../components/activities/ActivityList';
import { AuditTimeline } from '../../components/audit/AuditTimeline';
import { CommitmentText } from '../../components/CommitmentText';
import { PairingSteps } from '../../components/PairingSteps';
import { PairingTeam } from '../../components/helpers/PairingTeam';
import { PairingStatusTag } from '../../components/status-tags';
import { useIsPhone } from '../../lib/use-is-phone';

/** One pairing: its life in steps, its commitment, its team, its activities and its audit trail. */
export function PairingDetail({ pairing, onClose }: { pairing: Pairing | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Drawer
      open={pairing !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={pairing && t('pairings.detailTitle', { village: pairing.villageName, org: pairing.organizationName })}
    >
      {pairing && (
        <>
          <div className="steps-box">
            <PairingSteps pairing={pairing} />
          </div>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('fields.village')}>{pairing.villageName}</Descriptions.Item>
            <Descriptions.Item label={t('fields.status')}>
              <PairingStatusTag status={pairing.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.organization')} span="filled">
              {pairing.organizationName}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.proposedStartDate')}>{pairing.proposedStartDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.startDate')}>{pairing.startDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.endDate')}>{pairing.endDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.lastActivityOn')}>{pairing.lastActivityOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.commitment')} span="filled">
              <CommitmentText commitment={pairing.commitment} />
            </Descriptions.Item>
            {pairing.reason && (
              <Descriptions.Item label={t('fields.reason')} span="filled">
                {pairing.reason}
              </Descriptions.Item>
            )}
          </Descriptions>
          <PairingTeam pairing={pairing} />
          <Tabs
            className="detail-tabs"
            items={[
              {
                key: 'activities',
                label: t('activities.tab', { n: pairing.activityCount }),
                children: <ActivityList pairingId={pairing.id} organizationId={pairing.organizationId} />,
              },
              { key: 'audit', label: t('audit.tab'), children: <AuditTimeline entity="pairing" id={pairing.id} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
