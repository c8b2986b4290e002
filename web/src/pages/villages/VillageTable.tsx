import { Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Village } from '../../../../shared/schemas/villages';
import { CoverageTags, NeedTags } from '../../components/status-tags';
import { useIsPhone } from '../../lib/use-is-phone';

type Props = { villages: Village[]; loading: boolean; onOpen: (id: string) => void; onEdit: (v: Village) => void };

/** The villages, one row each: where, how poor, whether covered, what they need. */
export function VillageTable({ villages, loading, onOpen, onEdit }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<Village> = [
    {
      title: t('fields.name'),
      key: 'name',
      width: 120,
      render: (_, v) => (
        <>
          <Typography.Link strong onClick={() => onOpen(v.id)} data-testid="village-name">
            {v.name}
          </Typography.Link>
          {isPhone && <div className="muted">{v.township}</div>}
        </>
      ),
    },
    { title: t('fields.township'), dataIndex: 'township', width: 110, responsive: ['md'] },
    {
      title: t('villages.coverage'),
      key: 'coverage',
      width: isPhone ? 110 : 190,
      render: (_, v) => (
        <Space size={4} wrap>
          <CoverageTags supervised={v.supervised} covered={v.covered} activePairings={v.activePairings} />
          {v.gapOpenSince && (
            <Tooltip title={t('villages.gapSince', { date: v.gapOpenSince })}>
              <Tag color="orange">{t('villages.gap')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('villages.poorColumn'),
      key: 'poor',
      width: 140,
      align: 'right',
      responsive: ['md'],
      render: (_, v) => `${v.poorHouseholds} / ${v.households}`,
    },
    { title: t('fields.population'), dataIndex: 'population', width: 90, align: 'right', responsive: ['lg'] },
    {
      title: t('fields.status'),
      key: 'status',
      width: 90,
      responsive: ['md'],
      render: (_, v) => <Tag color={v.status === 'lifted' ? 'green' : 'default'}>{t(`villageStatus.${v.status}`)}</Tag>,
    },
    { title: t('fields.needs'), key: 'needs', responsive: ['lg'], render: (_, v) => <NeedTags needs={v.needs} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      width: isPhone ? 60 : 130,
      render: (_, v) => (
        <Space size={0}>
          {!isPhone && (
            <Button type="link" size="small" onClick={() => onOpen(v.id)}>
              {t('actions.detail')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => onEdit(v)} data-testid="village-edit">
            {t('actions.edit')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Table<Village>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={villages}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="village-table"
      locale={{ emptyText: <Empty description={t('villages.empty')} /> }}
      rowClassName={(v) => (v.supervised && !v.covered ? 'row-alert' : '')}
    />
  );
}
