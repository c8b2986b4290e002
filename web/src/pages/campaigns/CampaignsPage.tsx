import { CopyOutlined, EditOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Image, Modal, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign, CampaignStatus } from '../../../../shared/schemas/campaigns';
import { campaignPercent, useCampaigns } from '../../api/campaigns';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { CampaignModal } from './CampaignModal';

const STATUS_COLOR: Record<CampaignStatus, string> = { open: 'green', upcoming: 'blue', ended: 'default' };
const STATUS_KEY = { open: 'campaignsAdmin.statusOpen', upcoming: 'campaignsAdmin.statusUpcoming', ended: 'campaignsAdmin.statusEnded' } as const;

/** 公益活动: the bureau's campaigns, their progress, a form to start or change one, and each one's link and QR code to share. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const slug = me.tenant?.slug;
  const [status, setStatus] = useState<CampaignStatus | 'all'>('all');
  const [editing, setEditing] = useState<Campaign | null | undefined>(undefined);
  const [qr, setQr] = useState<Campaign | null>(null);
  const q = useCampaigns(status === 'all' ? undefined : status);
  const linkOf = (c: Campaign) => `${window.location.origin}/shop/${slug}/campaigns/${c.id}`;
  const copy = async (c: Campaign) => {
    try {
      await navigator.clipboard.writeText(linkOf(c));
      message.success(t('campaignsAdmin.copied'));
    } catch {
      message.info(linkOf(c));
    }
  };

  const columns: ColumnsType<Campaign> = [
    {
      title: t('campaignsAdmin.name'),
      key: 'title',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <a href={`/shop/${slug}/campaigns/${c.id}`} target="_blank" rel="noreferrer">
            {c.title}
          </a>
          {c.kind && <Typography.Text type="secondary">{c.kind}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('campaignsAdmin.dates'), key: 'dates', width: 200, render: (_, c) => `${c.startDate} ~ ${c.endDate}` },
    { title: t('fields.status'), key: 'status', width: 90, render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(STATUS_KEY[c.status])}</Tag> },
    {
      title: t('campaignsAdmin.raised'),
      key: 'raised',
      width: 150,
      align: 'right',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Money fen={c.progress.raisedFen} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            / <Money fen={c.targetFen} />
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('campaignsAdmin.progress'),
      key: 'progress',
      width: 220,
      render: (_, c) => (
        <>
          <Progress percent={Math.min(100, campaignPercent(c))} format={() => `${campaignPercent(c)}%`} size="small" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('campaignsAdmin.counts', { orders: c.progress.orders, donations: c.progress.donations })}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 240,
      render: (_, c) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)}>
            {t('campaignsAdmin.edit')}
          </Button>
          <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => void copy(c)} disabled={!slug}>
            {t('campaignsAdmin.copyLink')}
          </Button>
          <Button type="link" size="small" icon={<QrcodeOutlined />} onClick={() => setQr(c)} disabled={!slug}>
            {t('campaignsAdmin.qr')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('campaignsAdmin.title')}
        subtitle={t('campaignsAdmin.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="campaign-create">
            {t('campaignsAdmin.create')}
          </Button>
        }
      />
      <Segmented<CampaignStatus | 'all'>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('campaignsAdmin.all') },
          { value: 'open', label: t('campaignsAdmin.statusOpen') },
          { value: 'upcoming', label: t('campaignsAdmin.statusUpcoming') },
          { value: 'ended', label: t('campaignsAdmin.statusEnded') },
        ]}
      />
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Campaign>
          rowKey="id"
          loading={q.isPending}
          columns={columns}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('campaignsAdmin.empty') }}
        />
      )}
      <CampaignModal open={editing !== undefined} campaign={editing ?? null} onClose={() => setEditing(undefined)} />
      <Modal open={qr !== null} title={qr ? t('campaignsAdmin.qrTitle', { title: qr.title }) : ''} footer={null} onCancel={() => setQr(null)} destroyOnHidden>
        {qr && slug && (
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <Image width={220} preview={false} src={`/api/public/${slug}/campaigns/${qr.id}/qr.png`} alt={t('campaignsAdmin.qrTitle', { title: qr.title })} />
            <Typography.Text type="secondary">{t('campaignsAdmin.qrHint')}</Typography.Text>
            <Typography.Text copyable={{ text: linkOf(qr) }}>{linkOf(qr)}</Typography.Text>
          </Space>
        )}
      </Modal>
    </>
  );
}
