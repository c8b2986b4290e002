import { Button, Descriptions, Drawer, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Village } from '../../../../shared/schemas/villages';
import { AuditTimeline } from '../../components/audit/AuditTimeline';
import { ErrorResult } from '../../components/ErrorResult';
import { PairingList } from '../../components/PairingList';
import { CoverageTags, NeedTags } from '../../components/status-tags';
import { useIsPhone } from '../../lib/use-is-phone';
import { useVillage } from '../../api/villages';

/** One village: its record, its pairings and its audit trail. */
export function VillageDetail({ id, onClose, onEdit }: { id: string | null; onClose: () => void; onEdit: (v: Village) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const village = useVillage(id);
  const v = village.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={v ? v.name : t('villages.detailTitle')}
      extra={v && <Button onClick={() => onEdit(v)}>{t('actions.edit')}</Button>}
      data-testid="village-detail"
    >
      {village.isPending && <Skeleton active />}
      {village.isError && <ErrorResult error={village.error} onRetry={() => void village.refetch()} />}
      {v && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('villages.coverage')} span="filled">
              <CoverageTags supervised={v.supervised} covered={v.covered} activePairings={v.activePairings} />
              {v.gapOpenSince && <span className="warn-text">{t('villages.gapSince', { date: v.gapOpenSince })}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.township')}>{v.township}</Descriptions.Item>
            <Descriptions.Item label={t('fields.county')}>{v.county}</Descriptions.Item>
            <Descriptions.Item label={t('fields.households')}>{v.households}</Descriptions.Item>
            <Descriptions.Item label={t('fields.population')}>{v.population}</Descriptions.Item>
            <Descriptions.Item label={t('fields.poorHouseholds')}>{v.poorHouseholds}</Descriptions.Item>
            <Descriptions.Item label={t('fields.status')}>{t(`villageStatus.${v.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('fields.registeredOn')}>{v.registeredOn}</Descriptions.Item>
            <Descriptions.Item label={t('fields.contactName')}>{[v.contactName, v.contactPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.needs')} span="filled">
              <NeedTags needs={v.needs} />
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            className="detail-tabs"
            items={[
              { key: 'pairings', label: t('villages.tabPairings'), children: <PairingList filter={{ villageId: v.id }} show="organization" /> },
              { key: 'audit', label: t('audit.tab'), children: <AuditTimeline entity="village" id={v.id} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
