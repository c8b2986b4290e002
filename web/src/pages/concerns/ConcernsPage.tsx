import { App, Button, Card, Empty, Flex, Input, Modal, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONCERN_STATUSES, CONCERN_TRANSITIONS, ConcernPatch, TicketNo, type Concern, type ConcernStatus } from '../../../../shared/schemas/concerns';
import { usePatchConcern, useConcerns } from '../../api/charity';
import { useDescribeError } from '../../api/describe';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { formatInstant } from '../../lib/dates';

const COLOR: Record<ConcernStatus, string> = { open: 'red', investigating: 'gold', resolved: 'green', dismissed: 'default' };
const ALL = 'all';

/**
 * Triage of the public's concerns: open → investigating → resolved | dismissed, closing with a
 * resolution and a confirmation. The resolution is the reply to the reporter: its status
 * page shows it and a reporter with an email is sent it; it can be written before closing too.
 * Each concern carries its ticket number, and the page finds one by it.
 */
export default function ConcernsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [status, setStatus] = useState<ConcernStatus | typeof ALL>('open');
  const [ticketNo, setTicketNo] = useState('');
  const [searchProblem, setSearchProblem] = useState<string | null>(null);
  const list = useConcerns(status === ALL ? undefined : status, ticketNo || undefined);
  const patch = usePatchConcern();
  const [target, setTarget] = useState<{ concern: Concern; next: ConcernStatus } | null>(null);
  const [resolution, setResolution] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const closing = target?.next === 'resolved' || target?.next === 'dismissed';
  const replying = target !== null && target.next === target.concern.status;

  const search = (value: string) => {
    if (!value.trim()) {
      setTicketNo('');
      setSearchProblem(null);
      return;
    }
    const parsed = TicketNo.safeParse(value);
    if (!parsed.success) {
      setSearchProblem(t('concernStatus.console.searchInvalid'));
      return;
    }
    setSearchProblem(null);
    setTicketNo(parsed.data);
  };

  const start = (concern: Concern, next: ConcernStatus) => {
    setTarget({ concern, next });
    setResolution(concern.resolution ?? '');
    setProblem(null);
  };
  const confirm = async () => {
    if (!target) return;
    if ((closing || replying) && !resolution.trim()) {
      setProblem(t('concerns.resolutionRequired'));
      return;
    }
    const parsed = ConcernPatch.safeParse({ ...(replying ? {} : { status: target.next }), ...(resolution.trim() ? { resolution: resolution.trim() } : {}) });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? null);
      return;
    }
    try {
      await patch.mutateAsync({ id: target.concern.id, patch: parsed.data });
      message.success(replying ? t('concernStatus.console.replied') : t('concerns.updated'));
      setTarget(null);
    } catch (e) {
      setProblem(describe(e));
    }
  };

  const columns: ColumnsType<Concern> = [
    {
      title: t('concernStatus.console.ticketNo'),
      key: 'ticketNo',
      width: 190,
      render: (_, c) => (
        <div>
          <Typography.Text copyable={c.ticketNo ? { text: c.ticketNo } : false} style={{ whiteSpace: 'nowrap' }} data-testid="concern-ticket">
            {c.ticketNo ?? c.id.slice(-8).toUpperCase()}
          </Typography.Text>
          <div className="muted">{formatInstant(c.createdAt)}</div>
        </div>
      ),
    },
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
              <b>
                {t('concernStatus.console.replyLabel')}
                {t('concernStatus.colon')}
              </b>
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
          {CONCERN_TRANSITIONS[c.status].length > 0 && (
            <Button size="small" onClick={() => start(c, c.status)} data-testid="concern-reply">
              {t('concernStatus.console.reply')}
            </Button>
          )}
          {CONCERN_TRANSITIONS[c.status].map((next) => (
            <Button
              key={next}
              size="small"
              type={next === 'resolved' ? 'primary' : 'default'}
              danger={next === 'dismissed'}
              onClick={() => start(c, next)}
              data-testid={`concern-${next}`}
            >
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
          disabled={ticketNo !== ''}
        />
        <Flex vertical gap={2}>
          <Input.Search
            allowClear
            aria-label={t('concernStatus.console.search')}
            placeholder={t('concernStatus.console.searchPlaceholder')}
            enterButton={t('concernStatus.console.search')}
            onSearch={search}
            status={searchProblem ? 'error' : undefined}
            style={{ width: 380, maxWidth: '100%' }}
            data-testid="concern-ticket-search"
          />
          {searchProblem && <Typography.Text type="danger">{searchProblem}</Typography.Text>}
        </Flex>
      </Flex>
      <Card className="table-card">
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Concern>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="concern-table"
              locale={{ emptyText: <Empty description={t('concerns.empty')} /> }}
            />
            <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
          </>
        )}
      </Card>
      <Modal
        open={target !== null}
        title={replying ? t('concernStatus.console.replyTitle') : target ? t('concerns.confirmTitle', { status: t(`concerns.statuses.${target.next}`) }) : ''}
        okText={
          replying
            ? t('concernStatus.console.reply')
            : target
              ? target.next === 'investigating'
                ? t('concerns.investigate')
                : target.next === 'resolved'
                  ? t('concerns.resolve')
                  : t('concerns.dismiss')
              : ''
        }
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
            <label htmlFor="concern-resolution" style={{ display: 'block', marginBottom: 6 }}>
              {t('concernStatus.console.replyLabel')}
            </label>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 6, fontSize: 12 }}>
              {t('concernStatus.console.replyHint')}
            </Typography.Paragraph>
            <Input.TextArea
              id="concern-resolution"
              rows={4}
              maxLength={2000}
              showCount
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
              placeholder={t('concerns.resolutionPlaceholder')}
              status={problem ? 'error' : undefined}
              data-testid="concern-resolution"
            />
            {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          </>
        )}
      </Modal>
    </>
  );
}
