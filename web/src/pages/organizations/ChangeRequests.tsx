import { App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationChange } from '../../../../shared/schemas/organizations';
import { useDescribeError } from '../../api/describe';
import { useDecideChange, useOrganizationChanges } from '../../api/organization-changes';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { formatInstant } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';
import { changeLines } from './change-text';

const STATUS_COLORS: Record<OrganizationChange['status'], string> = { pending: 'gold', approved: 'green', rejected: 'red', superseded: 'default' };

/**
 * Requests of organizations' members to change their name, kind or credit code: the
 * bureau approves (after a confirmation; the change applies) or rejects with a reason.
 */
export function ChangeRequests({ onOpen }: { onOpen: (orgId: string) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [onlyPending, setOnlyPending] = useState(true);
  const changes = useOrganizationChanges(onlyPending ? { status: 'pending' } : {});
  const decide = useDecideChange();
  const [rejecting, setRejecting] = useState<OrganizationChange | null>(null);

  const approve = async (c: OrganizationChange) => {
    try {
      await decide.mutateAsync({ id: c.id, action: 'approve' });
      message.success(t('orgChanges.approved'));
    } catch (e) {
      message.error(describe(e));
    }
  };

  const statusColumn: ColumnsType<OrganizationChange>[number] = {
    title: t('fields.status'),
    key: 'status',
    width: 150,
    render: (_, c) => (
      <>
        <Tag color={STATUS_COLORS[c.status]}>{t(`orgChanges.statuses.${c.status}`)}</Tag>
        {c.reason && <div className="cell-sub">{c.reason}</div>}
      </>
    ),
  };
  const columns: ColumnsType<OrganizationChange> = [
    {
      title: t('orgChanges.organization'),
      key: 'org',
      width: 180,
      render: (_, c) => (
        <Typography.Link strong onClick={() => onOpen(c.organizationId)}>
          {c.before.name}
        </Typography.Link>
      ),
    },
    {
      title: t('orgChanges.changes'),
      key: 'changes',
      width: isPhone ? 240 : 340,
      render: (_, c) => (
        <div data-testid="change-lines">
          {changeLines(c, t).map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      ),
    },
    {
      title: t('orgChanges.requestedBy'),
      key: 'by',
      width: 200,
      responsive: ['md'],
      render: (_, c) => (
        <>
          <div>{c.requestedBy.email}</div>
          <div className="cell-sub">{formatInstant(c.requestedAt)}</div>
        </>
      ),
    },
    // only the whole list needs the status: the default view is the pending ones
    ...(onlyPending ? [] : [statusColumn]),
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      width: 140,
      render: (_, c) =>
        c.status === 'pending' && (
          <Space size={0} wrap>
            <Popconfirm
              title={t('orgChanges.approveConfirm', { name: c.before.name })}
              description={t('orgChanges.approveHint')}
              okText={t('actions.approve')}
              onConfirm={() => approve(c)}
            >
              <Button type="link" size="small" data-testid="change-approve">
                {t('actions.approve')}
              </Button>
            </Popconfirm>
            <Button type="link" size="small" danger onClick={() => setRejecting(c)} data-testid="change-reject">
              {t('actions.reject')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Flex className="filter-bar" justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('orgChanges.subtitle')}</Typography.Text>
        <Segmented
          value={onlyPending ? 'pending' : 'all'}
          onChange={(v) => setOnlyPending(v === 'pending')}
          options={[
            { value: 'pending', label: t('orgChanges.filterPending') },
            { value: 'all', label: t('orgChanges.filterAll') },
          ]}
        />
      </Flex>
      {changes.isError ? (
        <ErrorResult error={changes.error} onRetry={() => void changes.refetch()} />
      ) : (
        <>
          <Table<OrganizationChange>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={changes.items}
            loading={changes.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t(onlyPending ? 'orgChanges.empty' : 'orgChanges.emptyAll')} /> }}
          />
          <LoadMore
            hasMore={changes.hasNextPage}
            loading={changes.isFetchingNextPage}
            onMore={() => void changes.fetchNextPage()}
            shown={changes.items.length}
          />
        </>
      )}
      <RejectModal change={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}

/** Reject a request: a reason is required (the organization is told it). */
function RejectModal({ change, onClose }: { change: OrganizationChange | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const decide = useDecideChange();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setReason('');
    setProblem(null);
  }, [change]);

  const confirm = async () => {
    if (!change) return;
    if (!reason.trim()) return setProblem(t('orgChanges.reasonRequired'));
    try {
      await decide.mutateAsync({ id: change.id, action: 'reject', reason: reason.trim() });
      message.success(t('orgChanges.rejected'));
      onClose();
    } catch (e) {
      setProblem(describe(e));
    }
  };

  return (
    <Modal
      open={change !== null}
      title={change && t('orgChanges.rejectTitle', { name: change.before.name })}
      okText={t('actions.reject')}
      okButtonProps={{ danger: true, loading: decide.isPending, ...({ 'data-testid': 'change-reject-confirm' } as object) }}
      onOk={confirm}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('orgChanges.rejectHint')}</Typography.Paragraph>
      {change && (
        <Typography.Paragraph>
          {changeLines(change, t).map((line) => (
            <div key={line}>{line}</div>
          ))}
        </Typography.Paragraph>
      )}
      <ProblemsAlert problems={problem ? [problem] : []} />
      <Form layout="vertical">
        <Form.Item label={t('fields.reason')} required>
          <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} data-testid="change-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
