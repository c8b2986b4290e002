import { ClockCircleOutlined, SendOutlined, SaveOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, Row, Skeleton, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportInput, type Report } from '../../../../shared/schemas/reports';
import { useReports, useSaveReport, useStanding } from '../../api/cockpit';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { useMe } from '../../auth/auth-context';
import { ReportDrawer, type ReportTarget } from '../../components/cockpit/ReportDrawer';
import { TimelinessTag, type ReportState } from '../../components/cockpit/tags';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { RuleViolation } from '../../components/RuleViolation';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { useIsPhone } from '../../lib/use-is-phone';
import { useTenantToday, useTenantZone } from '../../lib/use-tenant-today';
import { defaultDeadlineStamp, lastWeekMonday, mondayOf, weekEnd, zoneStamp } from '../../lib/weeks';

type Row = { key: string; weekStart: string; state: ReturnType<typeof stateOf>; submittedAt: string | null; report?: Report };
type Values = { week: Dayjs; summary?: string; progress?: string; results?: string };

const stateOf = (r: Report): ReportState => (r.status === 'draft' ? 'draft' : (r.timeliness ?? 'onTime'));

/** 周报: an organization reports a Monday-named week, saves a draft or submits it, and reads its past reports. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const isPhone = useIsPhone();
  const zone = useTenantZone();
  const today = useTenantToday().format('YYYY-MM-DD');
  const thisMonday = mondayOf(today);
  const [form] = Form.useForm<Values>();
  const [week, setWeek] = useState(lastWeekMonday(today));
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [open, setOpen] = useState<ReportTarget | null>(null);
  const reports = useReports({ organizationId: me.organizationId }, !!me.organizationId);
  const save = useSaveReport();
  const standing = useStanding(!!me.organizationId);
  // one key per week and submission attempt: a retried click does not report twice
  const key = useMemo(() => idempotencyKey(), [week, save.submittedAt]); // eslint-disable-line react-hooks/exhaustive-deps

  const existing = reports.data?.items.find((r) => r.weekStart === week);
  const deadlineStamp = existing ? zoneStamp(existing.deadline, zone) : defaultDeadlineStamp(week);
  const nowStamp = zoneStamp(new Date().toISOString(), zone);
  const late = nowStamp > deadlineStamp;
  const locked = existing?.status === 'submitted';

  useEffect(() => {
    setError(null);
    setProblems([]);
    form.setFieldsValue({ summary: existing?.summary ?? '', progress: existing?.progress ?? '', results: existing?.results ?? '' });
  }, [existing?.id, week, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (status: 'draft' | 'submitted') => {
    const v = form.getFieldsValue();
    const raw = { weekStart: week, summary: v.summary ?? '', progress: v.progress ?? '', results: v.results ?? '', status };
    const parsed = parseWith(form, ReportInput, raw);
    setError(null);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    try {
      const saved = await save.mutateAsync({ input: parsed.data, key: `${key}-${status}` });
      if (status === 'draft') message.success(t('reports.savedDraft'));
      else message.success(t(saved.timeliness === 'late' ? 'reports.submittedLate' : 'reports.submitted', { week }));
    } catch (e) {
      applyServerErrors(form, e, describe);
      setError(e);
    }
  };

  if (!me.organizationId) return <Empty description={t('reports.noOrg')} />;

  // the history: every report, and the missed weeks of the current streak as 缺报
  const history: Row[] = [
    ...(reports.data?.items ?? []).map((r) => ({ key: r.id, weekStart: r.weekStart, state: stateOf(r), submittedAt: r.submittedAt, report: r })),
    ...(standing.data?.openWeeks ?? standing.data?.missedWeeks ?? [])
      .filter((w) => !reports.data?.items.some((r) => r.weekStart === w && r.status === 'submitted'))
      .map((w) => ({ key: `missing-${w}`, weekStart: w, state: 'missing' as const, submittedAt: null, report: undefined })),
  ].sort((a, b) => b.weekStart.localeCompare(a.weekStart));
  const openRow = (r: Row) => {
    if (r.state === 'missing') {
      // a missed week: the form takes it, to be filed late (补报)
      setWeek(r.weekStart);
      form.setFieldsValue({ week: dayjs(r.weekStart) });
      document.querySelector('[data-testid="report-form"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    setOpen({ reportId: r.report?.id ?? null, organizationName: r.report?.organizationName ?? me.organizationName ?? '', weekStart: r.weekStart });
  };
  return (
    <>
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('reports.formTitle')} data-testid="report-form">
            <Form<Values> form={form} layout="vertical" initialValues={{ week: dayjs(week) }} disabled={save.isPending}>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name="week" label={t('reports.week')} extra={t('reports.weekHint')}>
                    <DatePicker
                      data-testid="report-week"
                      style={{ width: '100%' }}
                      allowClear={false}
                      disabledDate={(d) => d.day() !== 1 || d.format('YYYY-MM-DD') > thisMonday}
                      format={(d) => {
                        // 上一周 / 本周 as the dashboard says them, then the dates
                        const m = d.format('YYYY-MM-DD');
                        const name = m === thisMonday ? t('weekName.this') : m === lastWeekMonday(today) ? t('weekName.last') : null;
                        return name ? t('weekName.named', { name, from: m, to: weekEnd(m) }) : t('reports.weekLabel', { from: m, to: weekEnd(m) });
                      }}
                      onChange={(d) => d && setWeek(mondayOf(d.format('YYYY-MM-DD')))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <div className="deadline-box" data-testid="report-deadline" data-late={late ? 'true' : 'false'}>
                    <div className="muted">
                      <ClockCircleOutlined /> {t('reports.deadline')}
                    </div>
                    <div className="deadline-at">{t('reports.deadlineAt', { at: deadlineStamp, zone })}</div>
                    {!locked &&
                      (late ? (
                        <Tag color="orange" icon={<WarningOutlined />}>
                          {t('reports.willBeLate')}
                        </Tag>
                      ) : (
                        <Tag color="green">{t('reports.onTimeLeft')}</Tag>
                      ))}
                  </div>
                </Col>
              </Row>
              {existing?.status === 'draft' && <Alert type="info" showIcon className="form-alert" title={t('reports.existingDraft')} />}
              {locked && existing?.submittedAt && (
                <Alert
                  type="success"
                  showIcon
                  className="form-alert"
                  data-testid="report-locked"
                  title={t('reports.existingSubmitted', { at: zoneStamp(existing.submittedAt, zone) })}
                />
              )}
              <RuleViolation error={error} />
              <ProblemsAlert problems={problems} />
              <Form.Item name="summary" label={t('reports.summary')} required>
                <Input.TextArea
                  rows={4}
                  maxLength={2000}
                  showCount
                  placeholder={t('reports.summaryPlaceholder')}
                  readOnly={locked}
                  data-testid="report-summary"
                />
              </Form.Item>
              <Form.Item name="progress" label={t('reports.progress')} required>
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  showCount
                  placeholder={t('reports.progressPlaceholder')}
                  readOnly={locked}
                  data-testid="report-progress"
                />
              </Form.Item>
              <Form.Item name="results" label={t('reports.results')} required>
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  showCount
                  placeholder={t('reports.resultsPlaceholder')}
                  readOnly={locked}
                  data-testid="report-results"
                />
              </Form.Item>
              <Flex gap={8} justify="flex-end" wrap>
                <Button
                  icon={<SaveOutlined />}
                  disabled={locked}
                  loading={save.isPending && save.variables?.input.status === 'draft'}
                  onClick={() => void submit('draft')}
                  data-testid="report-draft"
                >
                  {t('reports.saveDraft')}
                </Button>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={locked}
                  loading={save.isPending && save.variables?.input.status !== 'draft'}
                  onClick={() => void submit('submitted')}
                  data-testid="report-submit"
                >
                  {t('reports.submit')}
                </Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('reports.history')} className="fill-card" data-testid="report-history">
            {reports.isError ? (
              <ErrorResult error={reports.error} onRetry={() => void reports.refetch()} />
            ) : reports.isPending ? (
              <Skeleton active />
            ) : history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.historyEmpty')} />
            ) : (
              <Table<Row>
                rowKey="key"
                size="small"
                dataSource={history}
                pagination={history.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
                onRow={(r) => ({ 'data-testid': 'report-row', onClick: () => openRow(r), style: { cursor: 'pointer' } }) as object}
                columns={[
                  { title: t('reports.week'), dataIndex: 'weekStart', render: (w: string) => `${w} ~ ${weekEnd(w).slice(5)}` },
                  { title: t('reports.status'), key: 'state', render: (_: unknown, r) => <TimelinessTag state={r.state} /> },
                  ...(isPhone
                    ? []
                    : [{ title: t('reports.submittedAt'), dataIndex: 'submittedAt', render: (s: string | null) => (s ? zoneStamp(s, zone) : '—') }]),
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <ReportDrawer target={open} onClose={() => setOpen(null)} />
    </>
  );
}
