import { CheckOutlined, CloseOutlined, FileTextOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Input, Select, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DONATION_KINDS, DONATION_STATUSES, type Donation } from '../../../../shared/schemas/donations';
import { useDonations, useRefundDonation, type DonationFilters } from '../../api/charity';
import { useDescribeError } from '../../api/describe';
import { untypedHtml } from '../../api/untyped';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { formatFen } from '../../../../shared/money';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { VillageSelect } from '../../components/VillageSelect';
import { DonationModal } from './DonationModal';
import { openVoucher, useConfirmDonation, useRejectDonation, useUploadVoucher } from './review-api';

const STATUS_COLOR: Record<Donation['status'], string> = {
  pending_payment: 'gold',
  pending: 'orange',
  confirmed: 'green',
  rejected: 'red',
  expired: 'default',
  refunded: 'purple',
};
const VOUCHER_TYPES = 'image/jpeg,image/png,image/webp,application/pdf';

/** The donations ledger (bureau: all, with filters; org_member: its own), and the offline log. */
export default function DonationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const describe = useDescribeError();
  const refund = useRefundDonation();
  const canRefund = me.role === 'bureau_admin';
  const confirmRefund = (d: Donation) => {
    let reason = '';
    modal.confirm({
      title: t('donations.refundTitle'),
      content: (
        <Flex vertical gap={8}>
          <span>
            {d.kind === 'cash'
              ? t('donations.refundCash', { village: d.villageName, amount: formatFen(d.amountFen) })
              : t('donations.refundGoods', { village: d.villageName })}
          </span>
          {d.kind === 'cash' && d.channel === 'online' && <span>{t('donations.refundOnline')}</span>}
          <Input.TextArea
            placeholder={t('donations.refundReason')}
            maxLength={200}
            autoSize={{ minRows: 2 }}
            onChange={(e) => (reason = e.target.value)}
            data-testid="donation-refund-reason"
          />
        </Flex>
      ),
      okText: t('donations.refund'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'donation-refund-confirm' } as object) },
      onOk: async () => {
        try {
          await refund.mutateAsync({ id: d.id, reason: reason.trim() || undefined });
          message.success(t('donations.refundOk'));
        } catch (e) {
          message.error(describe(e));
          throw e; // the dialog stays open
        }
      },
    });
  };
  const confirmDonation = useConfirmDonation();
  const rejectDonation = useRejectDonation();
  const uploadVoucher = useUploadVoucher();
  const askConfirm = (d: Donation) =>
    modal.confirm({
      title: t('donations.confirmTitle'),
      content: t('donations.confirmText', { amount: formatFen(d.amountFen), village: d.villageName }),
      okText: t('donations.confirm'),
      okButtonProps: { ...({ 'data-testid': 'donation-confirm-ok' } as object) },
      onOk: async () => {
        try {
          await confirmDonation.mutateAsync(d.id);
          message.success(t('donations.confirmOk'));
        } catch (e) {
          message.error(describe(e));
          throw e;
        }
      },
    });
  const askReject = (d: Donation) => {
    let reason = '';
    modal.confirm({
      title: t('donations.rejectTitle'),
      content: (
        <Flex vertical gap={8}>
          <span>{t('donations.rejectText')}</span>
          <Input.TextArea
            placeholder={t('donations.rejectReason')}
            maxLength={200}
            autoSize={{ minRows: 2 }}
            onChange={(e) => (reason = e.target.value)}
            data-testid="donation-reject-reason"
          />
        </Flex>
      ),
      okText: t('donations.reject'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'donation-reject-ok' } as object) },
      onOk: async () => {
        if (!reason.trim()) {
          message.warning(t('donations.rejectReasonRequired'));
          throw new Error('reason required'); // the dialog stays open
        }
        try {
          await rejectDonation.mutateAsync({ id: d.id, reason: reason.trim() });
          message.success(t('donations.rejectOk'));
        } catch (e) {
          message.error(describe(e));
          throw e;
        }
      },
    });
  };
  const attach = async (d: Donation, file: File) => {
    try {
      await uploadVoucher.mutateAsync({ id: d.id, file });
      message.success(t('donations.voucherUploaded'));
    } catch (e) {
      message.error(describe(e));
    }
  };
  const showVoucher = (id: string) => openVoucher(id).catch((e: unknown) => message.error(describe(e)));
  const asOrgMember = me.role === 'org_member';
  const [filters, setFilters] = useState<DonationFilters>({});
  const queue = useDonations({ status: 'pending' });
  const pendingCount = queue.items.length;
  const [logging, setLogging] = useState(false);
  const list = useDonations(filters);
  const openReceipt = async (id: string) => {
    const tab = window.open('', '_blank');
    try {
      const html = await untypedHtml(`/donations/${encodeURIComponent(id)}/receipt`);
      if (tab) tab.location.href = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    } catch (e) {
      tab?.close();
      message.error(describe(e));
    }
  };
  const set = (patch: Partial<DonationFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const columns: ColumnsType<Donation> = [
    { title: t('ledger.date'), dataIndex: 'date', width: 110 },
    { title: t('ledger.village'), dataIndex: 'villageName', width: 120 },
    {
      title: t('donations.donor'),
      key: 'donor',
      width: 180,
      render: (_, d) => (
        <Flex gap={6} wrap align="center">
          <span>{d.donorName ?? '—'}</span>
          <Tag>{t(`donations.donorTypes.${d.donorType}`)}</Tag>
          {d.anonymous && <Tag color="default">{t('donations.anonymousTag')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('donations.kind'),
      key: 'kind',
      width: 170,
      render: (_, d) => (
        <div>
          <Tag color={d.kind === 'cash' ? 'red' : 'blue'}>{t(`donations.kinds.${d.kind}`)}</Tag>
          {d.description && <span className="muted">{d.description}</span>}
        </div>
      ),
    },
    { title: t('ledger.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: (fen: number) => <Money fen={fen} /> },
    { title: t('donations.channel'), dataIndex: 'channel', width: 80, responsive: ['lg'], render: (c: Donation['channel']) => t(`donations.channels.${c}`) },
    {
      title: t('ledger.status'),
      dataIndex: 'status',
      width: 120,
      render: (s: Donation['status'], d) =>
        s === 'pending' ? (
          <Tooltip title={t('donations.pendingHint')}>
            <Tag color={STATUS_COLOR[s]} data-testid="donation-pending-tag">
              {asOrgMember ? t('donations.pendingForMember') : t('donations.statuses.pending')}
            </Tag>
          </Tooltip>
        ) : s === 'rejected' && d.rejectedReason ? (
          <Flex vertical gap={2}>
            <span>
              <Tag color={STATUS_COLOR[s]}>{t('donations.statuses.rejected')}</Tag>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 200 }} ellipsis={{ tooltip: d.rejectedReason }}>
              {t('donations.rejectedReason', { reason: d.rejectedReason })}
            </Typography.Text>
          </Flex>
        ) : (
          <Tag color={STATUS_COLOR[s]}>{t(`donations.statuses.${s}`)}</Tag>
        ),
    },
    {
      title: t('donations.voucher'),
      key: 'voucher',
      width: 130,
      render: (_, d) => {
        if (d.channel !== 'offline') return <span className="muted">—</span>;
        const canAttach = d.status === 'pending';
        return (
          <Flex gap={4} wrap align="center">
            {d.voucherFileId ? (
              <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={() => void showVoucher(d.id)} data-testid="donation-voucher-view">
                {t('donations.viewVoucher')}
              </Button>
            ) : (
              <span className="muted">{canAttach ? t('donations.voucherMissing') : '—'}</span>
            )}
            {canAttach && (
              <Upload
                accept={VOUCHER_TYPES}
                showUploadList={false}
                beforeUpload={(file) => {
                  void attach(d, file);
                  return false;
                }}
              >
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  loading={uploadVoucher.isPending && uploadVoucher.variables?.id === d.id}
                  data-testid="donation-voucher-upload"
                >
                  {d.voucherFileId ? t('donations.replaceVoucher') : t('donations.uploadVoucher')}
                </Button>
              </Upload>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('donations.receipt'),
      key: 'receipt',
      width: 160,
      render: (_, d) =>
        d.status === 'confirmed' || d.status === 'refunded' ? (
          // the server's printable page; it needs the session, so it is fetched with the token and opened
          <Button type="link" size="small" icon={<FileTextOutlined />} onClick={() => void openReceipt(d.id)} data-testid="donation-receipt-link">
            {d.serialNo ?? t('donations.openReceipt')}
          </Button>
        ) : (
          <span className="muted">—</span>
        ),
    },
    ...(canRefund
      ? [
          {
            title: t('donations.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, d: Donation) =>
              d.status === 'pending' ? (
                <Flex gap={4}>
                  <Tooltip title={d.kind === 'cash' && !d.voucherFileId ? t('donations.needsVoucher') : undefined}>
                    <Button
                      type="link"
                      size="small"
                      icon={<CheckOutlined />}
                      disabled={d.kind === 'cash' && !d.voucherFileId}
                      onClick={() => askConfirm(d)}
                      data-testid="donation-confirm"
                    >
                      {t('donations.confirm')}
                    </Button>
                  </Tooltip>
                  <Button type="link" size="small" danger icon={<CloseOutlined />} onClick={() => askReject(d)} data-testid="donation-reject">
                    {t('donations.reject')}
                  </Button>
                </Flex>
              ) : d.status === 'confirmed' ? (
                <Button type="link" size="small" danger onClick={() => confirmRefund(d)} data-testid="donation-refund">
                  {t('donations.refund')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={asOrgMember ? t('donations.myTitle') : t('donations.title')}
        subtitle={asOrgMember ? t('donations.mySubtitle') : t('donations.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)} data-testid="donation-log">
            {t('donations.log')}
          </Button>
        }
      />
      {canRefund && pendingCount > 0 && filters.status !== 'pending' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="donation-pending-queue"
          message={t('donations.pendingQueue', { n: `${pendingCount}${queue.hasNextPage ? '+' : ''}` })}
          action={
            <Button size="small" onClick={() => set({ status: 'pending' })}>
              {t('donations.showPending')}
            </Button>
          }
        />
      )}
      <Flex gap={8} wrap className="filter-bar">
        <VillageSelect
          allowClear
          placeholder={t('ledger.allVillages')}
          value={filters.villageId}
          onChange={(v) => set({ villageId: v })}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          placeholder={t('donations.allKinds')}
          value={filters.kind}
          onChange={(v) => set({ kind: v })}
          style={{ width: 120 }}
          options={DONATION_KINDS.map((k) => ({ value: k, label: t(`donations.kinds.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('donations.allStatuses')}
          value={filters.status}
          onChange={(v) => set({ status: v })}
          style={{ width: 130 }}
          options={DONATION_STATUSES.map((k) => ({ value: k, label: t(`donations.statuses.${k}`) }))}
        />
      </Flex>
      <Card className="table-card">
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Donation>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="donation-table"
              locale={{ emptyText: <Empty description={t('donations.empty')} /> }}
            />
            <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
          </>
        )}
      </Card>
      <DonationModal open={logging} onClose={() => setLogging(false)} asOrgMember={asOrgMember} organizationName={me.organizationName} />
    </>
  );
}
