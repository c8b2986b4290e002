import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expenditure } from '../../../../shared/schemas/expenditures';
import { useExpenditures } from '../../api/charity';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { VillageSelect } from '../../components/VillageSelect';
import { useTenantToday } from '../../lib/use-tenant-today';
import { ExpenditureModal } from './ExpenditureModal';
import { isWebUrl } from '../../lib/web-url';

/** Rule 8: what each village's donated cash was spent on, and recording a new spend. */
export default function ExpendituresPage() {
  const { t } = useTranslation();
  const today = useTenantToday().format('YYYY-MM-DD');
  const [villageId, setVillageId] = useState<string | undefined>();
  const [recording, setRecording] = useState(false);
  const list = useExpenditures(villageId);

  const columns: ColumnsType<Expenditure> = [
    { title: t('ledger.date'), dataIndex: 'date', width: 110 },
    { title: t('ledger.village'), dataIndex: 'villageName', width: 120 },
    { title: t('expenditures.purpose'), dataIndex: 'purpose', width: 280 },
    {
      title: t('expenditures.category'),
      dataIndex: 'category',
      width: 110,
      render: (c: Expenditure['category']) => <Tag>{t(`expenditureCategory.${c}`)}</Tag>,
    },
    { title: t('ledger.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: (fen: number) => <Money fen={fen} /> },
    {
      title: t('expenditures.evidenceLink'),
      key: 'evidence',
      width: 90,
      render: (_, e) =>
        isWebUrl(e.evidenceUrl) ? (
          <a href={e.evidenceUrl} target="_blank" rel="noopener noreferrer">
            <LinkOutlined /> {t('expenditures.evidenceLink')}
          </a>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('expenditures.title')}
        subtitle={t('expenditures.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="expenditure-record">
            {t('expenditures.record')}
          </Button>
        }
      />
      <Flex gap={8} wrap className="filter-bar">
        <VillageSelect allowClear placeholder={t('ledger.allVillages')} value={villageId} onChange={setVillageId} style={{ width: 200 }} />
      </Flex>
      <Card className="table-card">
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Expenditure>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="expenditure-table"
              locale={{ emptyText: <Empty description={t('expenditures.empty')} /> }}
            />
            <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
          </>
        )}
      </Card>
      <ExpenditureModal open={recording} onClose={() => setRecording(false)} today={today} />
    </>
  );
}
