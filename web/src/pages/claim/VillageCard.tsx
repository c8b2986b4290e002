import { FlagOutlined } from '@ant-design/icons';
import { Button, Card, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../../shared/schemas/pairings';
import type { Village } from '../../../../shared/schemas/villages';
import { CoverageTags, NeedTags } from '../../components/status-tags';

type Props = { village: Village; live: Pairing['status'] | undefined; blockedReason?: string; onClaim: () => void };

/** A village an organization might help: where, how many poor households, what it needs. */
export function VillageCard({ village: v, live, blockedReason, onClaim }: Props) {
  const { t } = useTranslation();
  const urgent = v.supervised && !v.covered;
  const action = live ? (
    <Tag color={live === 'active' ? 'green' : 'gold'} className="claim-state" data-testid="claim-state">
      {t(live === 'active' ? 'claim.alreadyActive' : 'claim.alreadyPending')}
    </Tag>
  ) : (
    <Tooltip title={blockedReason}>
      <Button type={urgent ? 'primary' : 'default'} icon={<FlagOutlined />} disabled={!!blockedReason} onClick={onClaim} data-testid="claim-button">
        {t('claim.claim')}
      </Button>
    </Tooltip>
  );
  return (
    <Card className={`village-card${urgent ? ' village-card-urgent' : ''}`} data-testid="claim-village" data-village={v.name}>
      <div className="village-card-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {v.name}
        </Typography.Title>
        <CoverageTags supervised={v.supervised} covered={v.covered} activePairings={v.activePairings} />
      </div>
      <Typography.Text type="secondary">
        {v.county} · {v.township}
      </Typography.Text>
      <div className="village-card-figures">
        <span>
          <b>{v.poorHouseholds}</b> {t('claim.poorUnit')}
        </span>
        <span>
          <b>{v.households}</b> {t('claim.householdsUnit')}
        </span>
        <span>
          <b>{v.population}</b> {t('claim.peopleUnit')}
        </span>
      </div>
      <div className="village-card-needs">
        <span className="muted">{t('fields.needs')}</span>
        <NeedTags needs={v.needs} />
      </div>
      <div className="village-card-foot">{action}</div>
    </Card>
  );
}
