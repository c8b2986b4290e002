import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Progress, Row, Select, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommitments } from '../../api/commitments';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { formatFen } from '../../../../shared/money';
import { useTenantToday } from '../../lib/use-tenant-today';
import { CommitmentModal, type CommitmentTarget } from '../commitments/CommitmentModal';

/** Rule 9 for an organization member: its own commitment for the year and how far its members' purchases got. */
export default function MyCommitmentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const thisYear = useTenantToday().year();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<CommitmentTarget | null>(null);
  const list = useCommitments(year);
  const mine = list.data?.items.find((c) => c.organizationId === me.organizationId);
  const pct = mine && mine.committedFen > 0 ? Math.min(100, Math.round((mine.purchasedFen / mine.committedFen) * 100)) : 0;

  return (
    <>
      <PageHeader
        title={t('myCommitment.title')}
        subtitle={t('myCommitment.subtitle')}
        extra={
          <Select
            value={year}
            style={{ width: 120 }}
            onChange={setYear}
            options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t('commitments.yearN', { n: y }) }))}
          />
        }
      />
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Card data-testid="my-commitment">
          {!mine || mine.committedFen === 0 ? (
            <Empty description={t('myCommitment.none')}>
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing({ organizationId: me.organizationId, organizationName: me.organizationName })}
              >
                {t('myCommitment.set')}
              </Button>
            </Empty>
          ) : (
            <Row gutter={[24, 24]} align="middle">
              <Col xs={24} md={8}>
                <Flex justify="center">
                  <Progress type="dashboard" percent={pct} size={180} strokeColor={pct >= 100 ? '#16a34a' : '#c8161d'} />
                </Flex>
              </Col>
              <Col xs={24} md={16}>
                <Typography.Title level={4} style={{ marginTop: 0 }}>
                  {mine.organizationName} · {t('commitments.yearN', { n: year })}
                </Typography.Title>
                <Row gutter={[16, 16]}>
                  <Col xs={12}>
                    <Statistic title={t('myCommitment.committed')} value={formatFen(mine.committedFen)} />
                  </Col>
                  <Col xs={12}>
                    <Statistic title={t('myCommitment.purchased')} value={formatFen(mine.purchasedFen)} />
                  </Col>
                </Row>
                <Flex gap={8} wrap style={{ marginTop: 16 }}>
                  <Button
                    icon={<EditOutlined />}
                    onClick={() => setEditing({ organizationId: me.organizationId, organizationName: me.organizationName, amountFen: mine.committedFen })}
                  >
                    {t('commitments.add')}
                  </Button>
                </Flex>
              </Col>
            </Row>
          )}
        </Card>
      )}
      <CommitmentModal target={editing} year={year} onClose={() => setEditing(null)} />
    </>
  );
}
