import { CheckOutlined, HeartOutlined, LockOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Progress, Row, Select, Skeleton, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { NEED_STATUSES, type Need, type NeedStatus, type NeedSummary } from '../../../../shared/schemas/needs';
import { VILLAGE_NEEDS } from '../../../../shared/schemas/villages';
type VillageNeed = (typeof VILLAGE_NEEDS)[number];
import { useNeeds, useNeedSummary, type NeedFilters } from '../../api/cockpit';
import { useMe } from '../../auth/auth-context';
import { NeedStatusTag } from '../../components/cockpit/tags';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { VillageSelect } from '../../components/VillageSelect';
import { formatInstant } from '../../lib/dates';
import { FulfilModal, PledgeModal, PostNeedModal, WithdrawModal } from './NeedModals';
import { isWebUrl } from '../../lib/web-url';
import { CloseNeedModal } from './CloseNeedModal';

type SummaryRow = NeedSummary['items'][number];

/** 需求对接: the bureau posts and follows village needs; organizations pledge and fulfil them. */
export default function NeedsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const bureau = me.role === 'bureau_admin';
  const [params, setParams] = useSearchParams();
  const status = (NEED_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as NeedStatus) : undefined;
  const category = (VILLAGE_NEEDS as readonly string[]).includes(params.get('category') ?? '') ? (params.get('category') as VillageNeed) : undefined;
  const villageId = params.get('villageId') ?? undefined;
  const paired = params.get('tab') !== 'other';
  const filters: NeedFilters = { status, category, villageId, ...(bureau ? {} : { paired }) };
  const needs = useNeeds(filters);
  const summary = useNeedSummary(bureau);
  const [posting, setPosting] = useState(false);
  const [pledging, setPledging] = useState<Need | null>(null);
  const [fulfilling, setFulfilling] = useState<Need | null>(null);
  const [withdrawing, setWithdrawing] = useState<Need | null>(null);
  const [closing, setClosing] = useState<Need | null>(null);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: true });
  };

  const filterBar = (
    <Flex gap={8} wrap className="filter-bar">
      {bureau && (
        <VillageSelect allowClear placeholder={t('needsBoard.allVillages')} value={villageId} onChange={(v) => set({ villageId: v })} style={{ width: 220 }} />
      )}
      <Select
        allowClear
        placeholder={t('needsBoard.allStatuses')}
        style={{ width: 140 }}
        value={status}
        onChange={(v: string | undefined) => set({ status: v })}
        options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needStatus.${s}`) }))}
        data-testid="need-status-filter"
      />
      <Select
        allowClear
        placeholder={t('needsBoard.allCategories')}
        style={{ width: 150 }}
        value={category}
        onChange={(v: string | undefined) => set({ category: v })}
        options={VILLAGE_NEEDS.map((n) => ({ value: n, label: t(`needs.${n}`) }))}
      />
    </Flex>
  );

  const list = needs.isError ? (
    <ErrorResult error={needs.error} onRetry={() => void needs.refetch()} />
  ) : needs.isPending ? (
    <Skeleton active paragraph={{ rows: 6 }} />
  ) : needs.data.items.length === 0 ? (
    <Empty description={t('needsBoard.empty')} />
  ) : (
    <Row gutter={[16, 16]}>
      {needs.data.items.map((n) => (
        <Col key={n.id} xs={24} md={12} xxl={8}>
          <NeedCard need={n} onPledge={setPledging} onFulfil={setFulfilling} onWithdraw={setWithdrawing} onClose={setClosing} />
        </Col>
      ))}
    </Row>
  );

  return (
    <>
      <PageHeader
        title={t('needsBoard.title')}
        subtitle={bureau ? t('needsBoard.subtitle') : t('needsBoard.orgSubtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="need-post">
            {t('needsBoard.post')}
          </Button>
        }
      />
      {bureau && (
        <Card title={t('needsBoard.summaryTitle')} className="table-card" data-testid="needs-summary">
          {summary.isError ? (
            <ErrorResult error={summary.error} onRetry={() => void summary.refetch()} />
          ) : (
            <Table<SummaryRow>
              rowKey="villageId"
              size="small"
              loading={summary.isPending}
              dataSource={summary.data?.items ?? []}
              pagination={(summary.data?.items.length ?? 0) > 8 ? { pageSize: 8 } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('needsBoard.summaryEmpty') }}
              rowClassName={(r) => (r.villageId === villageId ? 'row-selected' : '')}
              onRow={(r) => ({ onClick: () => set({ villageId: r.villageId === villageId ? undefined : r.villageId }), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('needsBoard.village'), dataIndex: 'villageName', render: (name: string, r) => `${name}（${r.township}）` },
                { title: t('needsBoard.openCount'), dataIndex: 'open', align: 'right', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n) },
                { title: t('needsBoard.pledgedCount'), dataIndex: 'pledged', align: 'right' },
                { title: t('needsBoard.metCount'), dataIndex: 'met', align: 'right' },
              ]}
            />
          )}
        </Card>
      )}
      <Card className="table-card" title={bureau ? t('needsBoard.allNeeds') : undefined}>
        {bureau ? (
          <>
            {filterBar}
            {list}
          </>
        ) : (
          <Tabs
            activeKey={paired ? 'paired' : 'other'}
            onChange={(k) => set({ tab: k === 'other' ? 'other' : undefined })}
            items={[
              {
                key: 'paired',
                label: t('needsBoard.pairedTab'),
                children: (
                  <>
                    {filterBar}
                    {list}
                  </>
                ),
              },
              {
                key: 'other',
                label: t('needsBoard.otherTab'),
                children: (
                  <>
                    {filterBar}
                    {list}
                  </>
                ),
              },
            ]}
          />
        )}
      </Card>
      <PostNeedModal open={posting} villageId={villageId} onClose={() => setPosting(false)} />
      <PledgeModal need={pledging} onClose={() => setPledging(null)} />
      <FulfilModal need={fulfilling} onClose={() => setFulfilling(null)} />
      <WithdrawModal need={withdrawing} onClose={() => setWithdrawing(null)} />
      <CloseNeedModal need={closing} onClose={() => setClosing(null)} />
    </>
  );
}

function NeedCard({
  need,
  onPledge,
  onFulfil,
  onWithdraw,
  onClose,
}: {
  need: Need;
  onPledge: (n: Need) => void;
  onFulfil: (n: Need) => void;
  onWithdraw: (n: Need) => void;
  onClose: (n: Need) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const bureau = me.role === 'bureau_admin';
  const live = need.status === 'open' || need.status === 'pledged';
  const mine = need.pledges.some((p) => p.organizationId === me.organizationId);
  const fullyPledged = need.quantity !== null && need.pledgedQuantity >= need.quantity;
  const canPledge = !bureau && live && !fullyPledged && !(need.quantity === null && mine);
  // met means covered: the pledges reach the quantity (or, without one, someone pledged)
  const covered = need.quantity === null ? need.pledges.length > 0 : need.pledgedQuantity >= need.quantity;
  const mayFulfil = live && (bureau || mine);
  const notCovered =
    need.quantity === null
      ? t('needsBoard.notPledged')
      : t('needsBoard.notCovered', {
          pledged: need.pledgedQuantity,
          total: need.quantity,
          missing: need.quantity - need.pledgedQuantity,
          unit: need.unit ?? '',
        });
  const canClose = bureau && live && !covered;
  const canWithdraw = live && (bureau || (!!need.postedByOrganizationId && need.postedByOrganizationId === me.organizationId));
  const pct = need.quantity ? Math.min(100, Math.round((need.pledgedQuantity / need.quantity) * 100)) : null;

  return (
    <Card
      size="small"
      className="need-card"
      data-testid="need-card"
      data-need={need.title}
      title={
        <Flex gap={8} align="center" wrap>
          <NeedStatusTag status={need.status} />
          <Typography.Text strong ellipsis={{ tooltip: need.title }} style={{ maxWidth: 260 }}>
            {need.title}
          </Typography.Text>
        </Flex>
      }
      extra={<Tag>{t(`needs.${need.category}`)}</Tag>}
      actions={[
        canPledge && (
          <Button key="pledge" type="link" icon={<HeartOutlined />} onClick={() => onPledge(need)} data-testid="need-pledge">
            {t('needsBoard.pledge')}
          </Button>
        ),
        mayFulfil && (
          <Tooltip key="fulfil" title={covered ? undefined : `${notCovered}${bureau ? `；${t('needsBoard.closeHint')}` : ''}`}>
            <Button type="link" icon={<CheckOutlined />} disabled={!covered} onClick={() => onFulfil(need)} data-testid="need-fulfil">
              {t('needsBoard.fulfil')}
            </Button>
          </Tooltip>
        ),
        canClose && (
          <Button key="close" type="link" icon={<LockOutlined />} onClick={() => onClose(need)} data-testid="need-close">
            {t('needsBoard.close')}
          </Button>
        ),
        canWithdraw && (
          <Button key="withdraw" type="link" danger icon={<RollbackOutlined />} onClick={() => onWithdraw(need)} data-testid="need-withdraw">
            {t('needsBoard.withdraw')}
          </Button>
        ),
      ].filter(Boolean)}
    >
      <div className="muted">
        {need.villageName} · {need.township}
        {need.targetDate && ` · ${t('needsBoard.targetDate')} ${need.targetDate}`}
      </div>
      {need.description && (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} className="need-desc">
          {need.description}
        </Typography.Paragraph>
      )}
      {pct !== null && need.status !== 'withdrawn' && (
        <div className="need-progress">
          <Typography.Text type="secondary">
            {t('needsBoard.pledged', { pledged: need.pledgedQuantity, total: need.quantity, unit: need.unit ?? '' })}
          </Typography.Text>
          <Progress percent={pct} size="small" showInfo={false} strokeColor={need.status === 'met' ? '#16a34a' : '#d97706'} />
        </div>
      )}
      <div className="need-pledges">
        {need.pledges.length === 0 ? (
          <Typography.Text type="secondary">{t('needsBoard.noPledges')}</Typography.Text>
        ) : (
          need.pledges.map((p) => (
            <div key={p.id} className="need-pledge-line">
              <HeartOutlined /> <strong>{p.organizationName}</strong>
              {p.quantity !== null && ` · ${p.quantity} ${need.unit ?? ''}`} · <span className="muted">{p.note}</span>
            </div>
          ))
        )}
      </div>
      {need.fulfilment && (
        <div className="need-fulfilment">
          <CheckOutlined className="ok-icon" /> {need.fulfilment.note}
          {isWebUrl(need.fulfilment.evidenceUrl) && (
            <>
              {' · '}
              <a href={need.fulfilment.evidenceUrl} target="_blank" rel="noreferrer noopener">
                {t('needsBoard.evidenceUrl')}
              </a>
            </>
          )}
          <span className="muted"> · {formatInstant(need.fulfilment.at)}</span>
        </div>
      )}
      {need.closure && (
        <div className="need-fulfilment" data-testid="need-closure">
          <LockOutlined /> {t('needsBoard.closedBy', { reason: need.closure.reason })}
          <span className="muted"> · {formatInstant(need.closure.at)}</span>
        </div>
      )}
      {live && !covered && need.pledges.length > 0 && need.quantity !== null && (
        <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="need-not-covered">
          {notCovered}
        </Typography.Text>
      )}
      {need.status === 'withdrawn' && need.withdrawnReason && <div className="muted">{need.withdrawnReason}</div>}
    </Card>
  );
}
