import { EditOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../../shared/schemas/pairings';
import { CommitmentText } from '../../components/CommitmentText';
import { PairingSteps } from '../../components/PairingSteps';
import { PairingTeam } from '../../components/helpers/PairingTeam';
import { PairingStatusTag } from '../../components/status-tags';
import { useIsPhone } from '../../lib/use-is-phone';

type Props = { pairing: Pairing; onActivities: () => void; onLog: () => void };

/** One of my organization's pairings: where it stands, what we promised, who goes (the team), what we did. */
export function MyPairingCard({ pairing: p, onActivities, onLog }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const actions = (
    <Space wrap size={4}>
      <Button size="small" icon={<UnorderedListOutlined />} onClick={onActivities}>
        {t('activities.view', { n: p.activityCount })}
      </Button>
      {p.status === 'active' && (
        <Button size="small" type="primary" icon={<EditOutlined />} onClick={onLog} data-testid="log-activity">
          {t('activities.log')}
        </Button>
      )}
    </Space>
  );
  return (
    <Card
      className="pairing-card"
      data-testid="my-pairing"
      data-village={p.villageName}
      title={
        <Space>
          {p.villageName}
          <PairingStatusTag status={p.status} />
        </Space>
      }
      extra={!isPhone && actions}
    >
      <div className="steps-box">
        <PairingSteps pairing={p} />
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('fields.commitment')}>
          <CommitmentText commitment={p.commitment} />
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.lastActivityOn')}>{p.lastActivityOn ?? t('activities.noneYet')}</Descriptions.Item>
        {p.reason && <Descriptions.Item label={t('fields.reason')}>{p.reason}</Descriptions.Item>}
      </Descriptions>
      {(p.status === 'active' || p.status === 'pending') && <PairingTeam pairing={p} />}
      {isPhone && <Flex justify="flex-end">{actions}</Flex>}
    </Card>
  );
}
