import { App, Button, Card, Empty, Flex, Input, Modal, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONCERN_STATUSES, CONCERN_TRANSITIONS, ConcernPatch, type Concern, type ConcernStatus } from '../../../../shared/schemas/concerns';
import { usePatchConcern, useConcerns } from '../../api/charity';
import { useDescribeError } from '../../api/describe';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { formatInstant } from '../../lib/dates';

const COLOR: Record<ConcernStatus, string> = { open: 'red', investigating: 'gold', resolved: 'green', dismissed: 'default' };
const ALL = 'all';

/** Triage of the public's concerns: open → investigating → resolved | dismissed, closing with a resolution note and a confirmation. */
export default function ConcernsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [status, setStatus] = useState<ConcernStatus | typeof ALL>('open');
  const list = useConcerns(status === ALL ? undefined : status);
  const patch = usePatchConcern();
  const [target, setTarget] = useState<{ concern: Concern; next: ConcernStatus } | null>(null);
  const [resolution, setResolution] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const closing = target?.next === 'resolved' || target?.next === 'dismissed';

  const start = (concern: Concern, next: ConcernStatus) => {
    setTarget({ concern, next });
    setResolution(concern.resolution ?? '');
    setProblem(null);
  };
  const confirm = async () => {
    if (!target) return;
    if (closing && !resolution.trim()) {
      setProblem(t('concerns.resolutionRequired'));
      return;
    }
    const parsed = ConcernPatch.safeParse({ status: target.next, ...(resolution.trim() ? { resolution: resolution.trim() } : {}) });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? null);
      return;
    }
    try {
      await patch.mutateAsync({ id: target.concern.id, patch: parsed.data });
      message.success(t('concerns.updated'));
      setTarget(null);
    } catch (e) {
      setProblem(describe(e));
    }
  };

  const columns: ColumnsType<Concern> = [
    { title: t('ledger.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatInstant(d) },
    {
      title: t('concerns.subject'),
      key: 'subject',
      width: 180,
      render: (_, c) => (
        <div>
          <Tag>{t(`concerns.subjectKinds.${c.subject.kind}`)}</Tag>
          {c.subjectName}
        </div>
      ),
    },
    {
      title: t('concerns.text'),
      key: 'text',
      width: 380,
      render: (_, c) => (
        <div>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
            {c.text}
          </Typography.Paragraph>
          <div className="muted">{c.contact ?? t('concerns.noContact')}</div>
          {c.resolution && (
            <div>
              <b>{t('concerns.resolution')}：</b>
              {c.resolution}
            </div>
          )}
        </div>
      ),
    },
    { title: t('ledger.status'), dataIndex: 'status', width: 100, render: (s: ConcernStatus) => <Tag color={COLOR[s]}>{t(`concerns.statuses.${s}`)}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, c) => (
        <Flex gap={4} wrap>
          {CONCERN_TRANSITIONS[c.status].map((next) => (
            <Button key={next} size="small" type={next === 'resolved' ? 'primary' : 'default'} danger={next === 'dismissed'} onClick={() => start(c, next)} data-testid={`concern-${next}`}>
              {next === 'investigating' ? t('concerns.investigate') : next === 'resolved' ? t('concerns.resolve') : t('concerns.dismiss')}
            </Button>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('concerns.title')} subtitle={t('concerns.subtitle')} />
      <Flex gap={8} wrap className="filter-bar">
        <Segmented<ConcernStatus | typeof ALL>
          value={status}
          onChange={setStatus}
          options={[...CONCERN_STATUSES.map((s) => ({ value: s, label: t(`concerns.statuses.${s}`) })), { value: ALL, label: t('concerns.allStatuses') }]}
          data-testid="concern-status-filter"
        />
      </Flex>
      <Card className="table-card">
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Concern> rowKey="id" size="middle" columns={columns} dataSource={list.items} loading={list.isPending} pagination={false} scroll={{ x: 'max-content' }} data-testid="concern-table" locale={{ emptyText: <Empty description={t('concerns.empty')} /> }} />
            <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
          </>
        )}
      </Card>
      <Modal
        open={target !== null}
        title={target ? t('concerns.confirmTitle', { status: t(`concerns.statuses.${target.next}`) }) : ''}
        okText={target ? (target.next === 'investigating' ? t('concerns.investigate') : target.next === 'resolved' ? t('concerns.resolve') : t('concerns.dismiss')) : ''}
        okButtonProps={{ loading: patch.isPending, danger: target?.next === 'dismissed' }}
        onOk={() => void confirm()}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        {target && (
          <>
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
              {target.concern.subjectName}：{target.concern.text.slice(0, 200)}
              {target.concern.text.length > 200 ? '…' : ''}
            </Typography.Paragraph>
            {closing && <Typography.Paragraph type="warning">{t('concerns.confirmClosed')}</Typography.Paragraph>}
            <div style={{ marginBottom: 6 }}>{t('concerns.resolution')}</div>
            <Input.TextArea rows={4} maxLength={2000} showCount value={resolution} onChange={(e) => setResolution(e.target.value)} placeholder={t('concerns.resolutionPlaceholder')} status={problem ? 'error' : undefined} data-testid="concern-resolution" />
            {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          </>
        )}
      </Modal>
    </>
  );
}
