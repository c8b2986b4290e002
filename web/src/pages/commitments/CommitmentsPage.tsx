import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Progress, Row, Select, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import type { CommitmentProgress } from '../../../../shared/schemas/commitments';
import { useCommitments } from '../../api/commitments';
import { ErrorResult } from '../../components/ErrorResult';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { useTenantToday } from '../../lib/use-tenant-today';
import { CommitmentModal, type CommitmentTarget } from './CommitmentModal';

const percent = (c: CommitmentProgress) => (c.committedFen > 0 ? Math.floor((c.purchasedFen * 100) / c.committedFen) : 0);

/** Rule 9: each organization's consumption-aid commitment for the year against what its members bought. */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  const thisYear = useTenantToday().year();
  const [year, setYear] = useState(thisYear);
  const [target, setTarget] = useState<CommitmentTarget | null>(null);
  const commitments = useCommitments(year);
  const items = [...(commitments.data?.items ?? [])].sort((a, b) => b.committedFen - a.committedFen || b.purchasedFen - a.purchasedFen);
  const committed = items.reduce((s, c) => s + c.committedFen, 0);
  const purchased = items.reduce((s, c) => s + c.purchasedFen, 0);
  const met = items.filter((c) => c.committedFen > 0 && c.purchasedFen >= c.committedFen).length;

  const columns: ColumnsType<CommitmentProgress> = [
    { title: t('fields.orgName'), dataIndex: 'organizationName', width: 260 },
    {
      title: t('commitments.committed'),
      key: 'committed',
      width: 130,
      align: 'right',
      render: (_, c) => (c.committedFen > 0 ? <Money fen={c.committedFen} /> : <span className="muted">{t('commitments.none')}</span>),
    },
    { title: t('commitments.purchased'), key: 'purchased', width: 130, align: 'right', render: (_, c) => <Money fen={c.purchasedFen} /> },
    {
      title: t('commitments.progress'),
      key: 'progress',
      width: 240,
      render: (_, c) =>
        c.committedFen > 0 ? (
          <Progress
            percent={Math.min(100, percent(c))}
            format={() => `${percent(c)}%`}
            status={c.purchasedFen >= c.committedFen ? 'success' : 'active'}
            size="small"
          />
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('fields.status'),
      key: 'status',
      width: 100,
      responsive: ['md'],
      render: (_, c) =>
        c.committedFen === 0 ? (
          <Tag>{t('commitments.statusNone')}</Tag>
        ) : c.purchasedFen >= c.committedFen ? (
          <Tag color="green">{t('commitments.statusMet')}</Tag>
        ) : (
          <Tag color="blue">{t('commitments.statusOngoing')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setTarget({ organizationId: c.organizationId, organizationName: c.organizationName, amountFen: c.committedFen })}
        >
          {t('commitments.set')}
        </Button>
      ),
    },
  ];

  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
  return (
    <>
      <PageHeader
        title={t('commitments.title')}
        subtitle={t('commitments.subtitle')}
        extra={
          <>
            <Select
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: t('commitments.yearN', { n: y }) }))}
              style={{ width: 120 }}
              data-testid="commitment-year"
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({})}>
              {t('commitments.add')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]} className="stat-row">
        <Col xs={12} md={6}>
          <Card className="stat-card">
            <Statistic title={t('commitments.totalCommitted')} value={formatFen(committed)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="stat-card">
            <Statistic title={t('commitments.totalPurchased')} value={formatFen(purchased)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="stat-card">
            <Statistic title={t('commitments.overall')} value={committed > 0 ? Math.floor((purchased * 100) / committed) : 0} suffix="%" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="stat-card">
            <Statistic title={t('commitments.metCount')} value={met} suffix={`/ ${items.filter((c) => c.committedFen > 0).length}`} />
          </Card>
        </Col>
      </Row>
      <Card className="table-card">
        {commitments.isError ? (
          <ErrorResult error={commitments.error} onRetry={() => void commitments.refetch()} />
        ) : (
          <Table<CommitmentProgress>
            rowKey="organizationId"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={commitments.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="commitment-table"
            locale={{ emptyText: <Empty description={t('commitments.empty', { n: year })} /> }}
          />
        )}
      </Card>
      <CommitmentModal target={target} year={year} onClose={() => setTarget(null)} />
    </>
  );
}
