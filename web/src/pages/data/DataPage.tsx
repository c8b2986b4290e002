import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Progress, Result, Space, Table, Tabs, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IMPORT_KINDS, MAX_IMPORT_BYTES, type ImportError, type ImportKind, type ImportResult } from '../../../../shared/schemas/imports';
import { useImport } from '../../api/cockpit';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { downloadWithProgress, saveBlob, type Progress as Bytes } from '../../api/json';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes } from '../../lib/bytes';
import { useTenantToday } from '../../lib/use-tenant-today';

const TABS = ['export', ...IMPORT_KINDS] as const;
type Tab = (typeof TABS)[number];

/** 工作台帐 export (rule 7) and the bulk imports of villages and organizations. */
export default function DataPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'export';
  return (
    <>
      <PageHeader title={t('dataPage.title')} subtitle={t('dataPage.subtitle')} />
      <Card className="table-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'export', label: t('dataPage.exportTab'), children: <ExportPanel /> },
            { key: 'villages', label: t('dataPage.importVillages'), children: <ImportPanel kind="villages" /> },
            { key: 'organizations', label: t('dataPage.importOrganizations'), children: <ImportPanel kind="organizations" /> },
          ]}
        />
      </Card>
    </>
  );
}

function ExportPanel() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const today = useTenantToday();
  const [month, setMonth] = useState<Dayjs>(today.startOf('month'));
  const [bytes, setBytes] = useState<Bytes | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    const m = month.format('YYYY-MM');
    setState('loading');
    setError(null);
    setBytes({ received: 0, total: null });
    try {
      const { blob, filename } = await downloadWithProgress(`/exports/ledger.xlsx?month=${m}`, setBytes);
      const name = filename ?? t('dataPage.filename', { month: m });
      saveBlob(blob, name);
      setSaved(name);
      setState('done');
    } catch (e) {
      setError(e);
      setState('error');
    }
  };

  const pct = bytes?.total ? Math.min(100, Math.round((bytes.received / bytes.total) * 100)) : state === 'done' ? 100 : undefined;
  return (
    <div className="data-panel" data-testid="export-panel">
      <Typography.Paragraph type="secondary">{t('dataPage.exportHint')}</Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        <Space>
          <Typography.Text>{t('dataPage.month')}</Typography.Text>
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            data-testid="export-month"
            disabledDate={(d) => d.isAfter(today, 'month')}
            onChange={(d) => d && setMonth(d)}
          />
        </Space>
        <Button type="primary" icon={<DownloadOutlined />} loading={state === 'loading'} onClick={() => void run()} data-testid="export-button">
          {t('dataPage.exportButton')}
        </Button>
      </Flex>
      {state !== 'idle' && state !== 'error' && bytes && (
        <div className="export-progress" data-testid="export-progress" data-state={state}>
          <Progress
            percent={pct ?? 100}
            status={state === 'done' ? 'success' : 'active'}
            showInfo={state === 'done' || pct !== undefined}
            strokeColor={pct === undefined && state === 'loading' ? { from: '#93c5fd', to: '#1d4ed8' } : undefined}
          />
          <Typography.Text type="secondary">
            {state === 'done' && saved ? (
              <>
                <CheckCircleOutlined className="ok-icon" /> {t('dataPage.downloaded', { size: formatBytes(bytes.received), name: saved })}
              </>
            ) : (
              t('dataPage.downloading', { size: bytes.total ? `${formatBytes(bytes.received)} / ${formatBytes(bytes.total)}` : formatBytes(bytes.received) })
            )}
          </Typography.Text>
        </div>
      )}
      {state === 'error' && <Alert type="error" showIcon className="form-alert" title={describe(error)} data-testid="export-error" />}
    </div>
  );
}

/** The fields an import reports errors on (the column keys, and the whole file or header row). */
const IMPORT_FIELDS = [
  'name',
  'township',
  'county',
  'households',
  'population',
  'poorHouseholds',
  'status',
  'supervised',
  'needs',
  'registeredOn',
  'contactName',
  'contactPhone',
  'kind',
  'creditCode',
  'address',
  'description',
  'file',
  'header',
] as const;
type ImportField = (typeof IMPORT_FIELDS)[number];
const isImportField = (f: string): f is ImportField => (IMPORT_FIELDS as readonly string[]).includes(f);

function ImportPanel({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const upload = useImport(kind);
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = useMemo(() => idempotencyKey(), [fileName]); // eslint-disable-line react-hooks/exhaustive-deps

  const [templating, setTemplating] = useState(false);
  // GET /api/imports/<kind>/template.xlsx: the Chinese headers the import reads and one example row
  const template = async () => {
    setTemplating(true);
    try {
      const { blob, filename } = await downloadWithProgress(`/imports/${kind}/template.xlsx`, () => undefined);
      saveBlob(blob, filename ?? t(kind === 'villages' ? 'dataPage.templateVillages' : 'dataPage.templateOrganizations'));
    } catch (e) {
      message.error(describe(e));
    } finally {
      setTemplating(false);
    }
  };

  const send = async (file: File) => {
    setResult(null);
    setError(null);
    setFileName(file.name);
    try {
      const r = await upload.mutateAsync({ file, key: `${key}-${file.size}-${file.lastModified}` });
      setResult(r);
      if (r.errors.length === 0) message.success(t('dataPage.importOk', { created: r.created, updated: r.updated }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="data-panel" data-testid={`import-${kind}`}>
      <Flex justify="space-between" align="center" wrap gap={8} className="filter-bar">
        <Typography.Text type="secondary">{t(kind === 'villages' ? 'dataPage.villagesRule' : 'dataPage.organizationsRule')}</Typography.Text>
        <Button icon={<FileExcelOutlined />} loading={templating} onClick={() => void template()} data-testid="import-template">
          {t('dataPage.template')}
        </Button>
      </Flex>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          const lower = file.name.toLowerCase();
          if (!lower.endsWith('.xlsx') && !lower.endsWith('.csv')) {
            message.error(t('dataPage.badType'));
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_IMPORT_BYTES) {
            message.error(t('dataPage.tooBig'));
            return Upload.LIST_IGNORE;
          }
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending && fileName ? t('dataPage.importing', { name: fileName }) : t('dataPage.upload')}</p>
        <p className="ant-upload-hint">{t('dataPage.uploadHint')}</p>
      </Upload.Dragger>
      {error !== null && <Alert type="error" showIcon className="form-alert import-outcome" title={describe(error)} data-testid="import-error" />}
      {result && result.errors.length === 0 && (
        <Result
          status="success"
          className="import-outcome"
          title={t('dataPage.importOk', { created: result.created, updated: result.updated })}
          data-testid="import-ok"
        />
      )}
      {result && result.errors.length > 0 && (
        <div className="import-outcome" data-testid="import-errors">
          <Alert type="error" showIcon className="form-alert" title={t('dataPage.importFailed', { n: result.errors.length })} />
          <Table<ImportError>
            size="small"
            rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
            dataSource={result.errors}
            pagination={result.errors.length > 20 ? { pageSize: 20 } : false}
            tableLayout="fixed"
            columns={[
              { title: t('dataPage.row'), dataIndex: 'row', width: 64 },
              {
                title: t('dataPage.field'),
                dataIndex: 'field',
                width: 120,
                render: (f: string) => (isImportField(f) ? t(`importField.${f}`) : f),
              },
              {
                title: t('dataPage.value'),
                dataIndex: 'value',
                width: 160,
                // the server has written control characters out and cut it short; React escapes the text
                render: (v: string | undefined) =>
                  v === undefined ? (
                    <span className="muted">—</span>
                  ) : (
                    <code className="import-value" data-testid="import-error-value" style={{ wordBreak: 'break-all' }}>
                      {v}
                    </code>
                  ),
              },
              { title: t('dataPage.message'), dataIndex: 'message' },
            ]}
          />
        </div>
      )}
    </div>
  );
}
