import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Input, Select, Table, Tag } from 'antd';
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

const STATUS_COLOR: Record<Donation['status'], string> = { pending_payment: 'gold', confirmed: 'green', expired: 'default', refunded: 'purple' };

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
          <span>{d.kind === 'cash' ? t('donations.refundCash', { village: d.villageName, amount: formatFen(d.amountFen) }) : t('donations.refundGoods', { village: d.villageName })}</span>
          {d.kind === 'cash' && d.channel === 'online' && <span>{t('donations.refundOnline')}</span>}
          <Input.TextArea placeholder={t('donations.refundReason')} maxLength={200} autoSize={{ minRows: 2 }} onChange={(e) => (reason = e.target.value)} data-testid="donation-refund-reason" />
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
  const asOrgMember = me.role === 'org_member';
  const [filters, setFilters] = useState<DonationFilters>({});
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
    { title: t('ledger.status'), dataIndex: 'status', width: 100, render: (s: Donation['status']) => <Tag color={STATUS_COLOR[s]}>{t(`donations.statuses.${s}`)}</Tag> },
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
            width: 90,
            render: (_: unknown, d: Donation) =>
              d.status === 'confirmed' ? (
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
      <Flex gap={8} wrap className="filter-bar">
        <VillageSelect allowClear placeholder={t('ledger.allVillages')} value={filters.villageId} onChange={(v) => set({ villageId: v })} style={{ width: 200 }} />
        <Select allowClear placeholder={t('donations.allKinds')} value={filters.kind} onChange={(v) => set({ kind: v })} style={{ width: 120 }} options={DONATION_KINDS.map((k) => ({ value: k, label: t(`donations.kinds.${k}`) }))} />
        <Select allowClear placeholder={t('donations.allStatuses')} value={filters.status} onChange={(v) => set({ status: v })} style={{ width: 130 }} options={DONATION_STATUSES.map((k) => ({ value: k, label: t(`donations.statuses.${k}`) }))} />
      </Flex>
      <Card className="table-card">
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Donation> rowKey="id" size="middle" columns={columns} dataSource={list.items} loading={list.isPending} pagination={false} scroll={{ x: 'max-content' }} data-testid="donation-table" locale={{ emptyText: <Empty description={t('donations.empty')} /> }} />
            <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
          </>
        )}
      </Card>
      <DonationModal open={logging} onClose={() => setLogging(false)} asOrgMember={asOrgMember} organizationName={me.organizationName} />
    </>
  );
}
