import { DownloadOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress as Bar,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationAssessment, Scheme } from '../../../../shared/schemas/assessments';
import { downloadAssessment, useAssessment, useSchemes, useSetScore } from '../../api/assessments';
import { useDescribeError } from '../../api/describe';
import { saveBlob } from '../../api/json';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../forms/zod';
import { useTenantToday } from '../../lib/use-tenant-today';
import { SchemeCreateModal } from './SchemeCreateModal';

type Criterion = OrganizationAssessment['criteria'][number];
type Scoring = {
  org: OrganizationAssessment;
  itemId: string;
  name: string;
  maxPoints?: number;
  veto: boolean;
  vetoed?: boolean;
  points?: number;
  reason?: string;
};

/**
 * 考核: each organization scored on the tenant's scheme for a period (mid-year or year). The bureau
 * scores manual criteria and veto items with a reason and exports the sheet; an organization sees
 * its own scorecard and where it loses points.
 */
export default function AssessmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const bureau = useMe().role === 'bureau_admin';
  const today = useTenantToday();
  const [year, setYear] = useState(String(today.year()));
  const [half, setHalf] = useState(today.month() < 6 || today.month() === 6);
  const period = half ? `${year}-H1` : year;
  const schemes = useSchemes();
  const [schemeId, setSchemeId] = useState<string | undefined>();
  const scheme: Scheme | undefined = schemes.data?.items.find((s) => s.id === schemeId) ?? schemes.data?.items[0];
  const q = useAssessment(period, scheme?.id, !!scheme);
  const setScore = useSetScore();
  const [scoring, setScoring] = useState<Scoring | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ points?: number; vetoed?: boolean; reason?: string }>();
  const [exporting, setExporting] = useState<number | null>(null);

  const openScore = (s: Scoring) => {
    form.resetFields();
    form.setFieldsValue({ points: s.points, vetoed: s.vetoed ?? true, reason: s.reason });
    setScoring(s);
  };
  const submitScore = async (v: { points?: number; vetoed?: boolean; reason?: string }) => {
    if (!scoring || !scheme) return;
    try {
      await setScore.mutateAsync({
        organizationId: scoring.org.organizationId,
        itemId: scoring.itemId,
        input: { period, schemeId: scheme.id, reason: v.reason ?? '', ...(scoring.veto ? { vetoed: !!v.vetoed } : { points: v.points ?? 0 }) },
      });
      message.success(t('assessment.scored'));
      setScoring(null);
    } catch (e) {
      applyServerErrors(form, e, describe);
    }
  };
  const exportSheet = async () => {
    setExporting(0);
    try {
      const { blob, filename } = await downloadAssessment(period, scheme?.id, (p) => setExporting(p.received));
      saveBlob(blob, filename ?? `assessment-${period}.xlsx`);
    } catch (e) {
      message.error(describe(e));
    } finally {
      setExporting(null);
    }
  };

  const criterionCell = (c: Criterion) => (
    <Tooltip title={c.figure + (c.reason ? `；${c.reason}` : '')}>
      <span className={c.unscored ? 'muted' : undefined}>
        {c.points}
        <span className="muted"> / {c.maxPoints}</span>
      </span>
    </Tooltip>
  );
  const columns: ColumnsType<OrganizationAssessment> = [
    { title: t('assessment.rank'), dataIndex: 'rank', width: 64, align: 'center' },
    { title: t('fields.orgName'), dataIndex: 'organizationName', width: 220, fixed: 'left' },
    ...(scheme?.criteria ?? []).map((c) => ({
      key: c.id,
      title: (
        <Tooltip title={c.name}>
          <span>{c.name.length > 8 ? `${c.name.slice(0, 8)}…` : c.name}</span>
        </Tooltip>
      ),
      width: 110,
      align: 'right' as const,
      render: (_: unknown, r: OrganizationAssessment) => {
        const cc = r.criteria.find((x) => x.id === c.id);
        return cc ? criterionCell(cc) : null;
      },
    })),
    {
      title: t('assessment.total', { points: scheme?.totalPoints ?? '' }),
      dataIndex: 'total',
      width: 110,
      align: 'right',
      render: (n: number, r) =>
        r.vetoed ? (
          <Tag color="red" icon={<StopOutlined />}>
            {t('assessment.vetoed')}
          </Tag>
        ) : (
          <b>{n}</b>
        ),
    },
  ];

  const details = (r: OrganizationAssessment) => (
    <Table<Criterion>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={r.criteria}
      columns={[
        { title: t('assessment.criterion'), dataIndex: 'name' },
        { title: t('assessment.source'), dataIndex: 'source', width: 120, render: (s: Criterion['source']) => <Tag>{t(`assessment.sources.${s}`)}</Tag> },
        {
          title: t('assessment.points'),
          key: 'points',
          width: 110,
          align: 'right',
          render: (_: unknown, c) => (
            <span>
              <b>{c.points}</b> / {c.maxPoints}
            </span>
          ),
        },
        {
          title: t('assessment.figure'),
          key: 'figure',
          render: (_: unknown, c) => (
            <span>
              {c.figure}
              {c.reason && <div className="muted">{c.reason}</div>}
              {c.points < c.maxPoints && !c.unscored && (
                <div className="muted">{t('assessment.lost', { points: Math.round((c.maxPoints - c.points) * 10) / 10 })}</div>
              )}
            </span>
          ),
        },
        ...(bureau
          ? [
              {
                key: 'act',
                width: 90,
                render: (_: unknown, c: Criterion) =>
                  c.source === 'manual' ? (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      data-testid={`score-${r.organizationId}-${c.id}`}
                      onClick={() =>
                        openScore({
                          org: r,
                          itemId: c.id,
                          name: c.name,
                          maxPoints: c.maxPoints,
                          veto: false,
                          points: c.unscored ? undefined : c.points,
                          reason: c.reason,
                        })
                      }
                    >
                      {t('assessment.score')}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
      footer={() => (
        <Space wrap>
          {(scheme?.vetoes ?? []).map((v) => {
            const set = r.vetoes.find((x) => x.id === v.id);
            return (
              <Space key={v.id}>
                <Tag color={set ? 'red' : undefined}>
                  {t('assessment.veto')}：{v.name}
                  {set ? `（${set.reason}）` : ''}
                </Tag>
                {bureau && (
                  <Button
                    size="small"
                    danger={!set}
                    onClick={() => openScore({ org: r, itemId: v.id, name: v.name, veto: true, vetoed: !set, reason: set?.reason })}
                  >
                    {set ? t('assessment.clearVeto') : t('assessment.setVeto')}
                  </Button>
                )}
              </Space>
            );
          })}
        </Space>
      )}
    />
  );

  const years = Array.from({ length: 5 }, (_, i) => String(today.year() - i));
  return (
    <>
      <PageHeader
        title={t('assessment.title')}
        subtitle={bureau ? t('assessment.subtitle') : t('assessment.subtitleMember')}
        extra={
          <Space wrap>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 100 }}
              aria-label={t('assessment.year')}
              options={years.map((y) => ({ value: y, label: y }))}
            />
            <Select
              value={half ? 'H1' : 'Y'}
              onChange={(v) => setHalf(v === 'H1')}
              style={{ width: 130 }}
              aria-label={t('assessment.period')}
              data-testid="assessment-period"
              options={[
                { value: 'H1', label: t('assessment.midYear') },
                { value: 'Y', label: t('assessment.yearEnd') },
              ]}
            />
            {(schemes.data?.items.length ?? 0) > 1 && (
              <Select
                value={scheme?.id}
                onChange={setSchemeId}
                style={{ width: 240 }}
                aria-label={t('assessment.scheme')}
                options={schemes.data!.items.map((s) => ({ value: s.id, label: s.name }))}
              />
            )}
            {bureau && <Button onClick={() => setCreating(true)}>{t('assessment.newScheme')}</Button>}
            {bureau && (
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                onClick={() => void exportSheet()}
                loading={exporting !== null}
                disabled={!scheme}
                data-testid="assessment-export"
              >
                {t('assessment.export')}
              </Button>
            )}
          </Space>
        }
      />
      {exporting !== null && <Bar percent={100} status="active" showInfo={false} style={{ marginBottom: 8 }} />}
      {schemes.isSuccess && !scheme ? (
        <Card>
          <Empty description={t('assessment.noScheme')}>{bureau && <Button onClick={() => setCreating(true)}>{t('assessment.newScheme')}</Button>}</Empty>
        </Card>
      ) : (
        <Card
          className="table-card"
          title={scheme ? `${scheme.name} · ${half ? t('assessment.midYear') : t('assessment.yearEnd')} ${year}` : t('assessment.title')}
          extra={q.data && <span className="muted">{t('assessment.range', { from: q.data.from, to: q.data.to })}</span>}
        >
          {!bureau && q.data?.items[0] && (
            <Alert
              type={q.data.items[0].vetoed ? 'error' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              message={t('assessment.mine', { total: q.data.items[0].total, of: scheme?.totalPoints, rank: q.data.items[0].rank })}
            />
          )}
          {q.isError ? (
            <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
          ) : (
            <Table<OrganizationAssessment>
              rowKey="organizationId"
              size="middle"
              columns={columns}
              dataSource={q.data?.items ?? []}
              loading={q.isPending && !!scheme}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              expandable={{
                expandedRowRender: details,
                expandRowByClick: true,
                // an organization's own scorecard is open: where it loses points is the point
                ...(bureau ? {} : { expandedRowKeys: (q.data?.items ?? []).map((i) => i.organizationId) }),
              }}
              data-testid="assessment-table"
              locale={{ emptyText: <Empty description={t('assessment.empty')} /> }}
            />
          )}
        </Card>
      )}
      <Modal
        open={!!scoring}
        title={scoring ? `${scoring.org.organizationName} · ${scoring.name}` : ''}
        okText={t('actions.save')}
        okButtonProps={{ loading: setScore.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setScoring(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submitScore}>
          {scoring?.veto ? (
            <Form.Item name="vetoed" label={t('assessment.veto')} valuePropName="checked">
              <Switch />
            </Form.Item>
          ) : (
            <Form.Item name="points" label={t('assessment.pointsOf', { max: scoring?.maxPoints })} required>
              <InputNumber min={0} max={scoring?.maxPoints} step={0.5} precision={1} style={{ width: 160 }} data-testid="score-points" />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('assessment.reason')} required>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="score-reason" />
          </Form.Item>
          <Typography.Text type="secondary">{t('assessment.audited')}</Typography.Text>
        </Form>
      </Modal>
      {bureau && <SchemeCreateModal open={creating} onClose={() => setCreating(false)} onCreated={(s) => setSchemeId(s.id)} />}
    </>
  );
}
