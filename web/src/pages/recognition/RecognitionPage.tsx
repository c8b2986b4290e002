import { EditOutlined, TrophyOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Modal, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import { RecognitionThresholds, type RecognitionEntry } from '../../../../shared/schemas/transparency';
import { useRecognition, useSaveThresholds } from '../../api/charity';
import { useDescribeError } from '../../api/describe';
import { ErrorResult } from '../../components/ErrorResult';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { RuleViolation } from '../../components/RuleViolation';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { fenToYuan, yuanToFen } from '../../lib/money';

const KINDS = ['enterprise', 'social_org', 'public_institution'] as const;
type Values = Record<(typeof KINDS)[number], string | undefined>;
const MAP = { enterprise: 'enterprise', social_org: 'social_org', public_institution: 'public_institution' };

/** Rule 6: organizations whose confirmed donations reach their kind's threshold, with their totals. */
export default function RecognitionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const q = useRecognition();
  const save = useSaveThresholds();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const th = q.data?.thresholds;

  const open = () => {
    setError(null);
    form.setFieldsValue(
      th ? { enterprise: fenToYuan(th.enterprise), social_org: fenToYuan(th.social_org), public_institution: fenToYuan(th.public_institution) } : {},
    );
    setEditing(true);
  };
  const submit = async (v: Values) => {
    const parsed = parseWith(
      form,
      RecognitionThresholds,
      { enterprise: yuanToFen(v.enterprise), social_org: yuanToFen(v.social_org), public_institution: yuanToFen(v.public_institution) },
      MAP,
    );
    if (!parsed.ok) return;
    try {
      await save.mutateAsync(parsed.data);
      message.success(t('recognition.saved'));
      setEditing(false);
    } catch (e) {
      applyServerErrors(form, e, describe);
      setError(e);
    }
  };

  const columns: ColumnsType<RecognitionEntry> = [
    {
      title: t('fields.orgName'),
      dataIndex: 'name',
      width: 260,
      render: (n: string) => (
        <span>
          <TrophyOutlined style={{ color: '#d48806' }} /> {n}
        </span>
      ),
    },
    { title: t('recognition.kind'), dataIndex: 'kind', width: 110, render: (k: RecognitionEntry['kind']) => <Tag>{t(`orgKind.${k}`)}</Tag> },
    { title: t('recognition.cash'), dataIndex: 'cashFen', width: 130, align: 'right', render: (f: number) => <Money fen={f} /> },
    { title: t('recognition.goods'), dataIndex: 'goodsFen', width: 130, align: 'right', render: (f: number) => <Money fen={f} /> },
    {
      title: t('recognition.total'),
      dataIndex: 'totalFen',
      width: 140,
      align: 'right',
      render: (f: number) => (
        <b>
          <Money fen={f} />
        </b>
      ),
    },
    {
      title: t('recognition.threshold'),
      dataIndex: 'thresholdFen',
      width: 130,
      align: 'right',
      render: (f: number) => <span className="muted">{formatFen(f)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('recognition.title')}
        subtitle={t('recognition.subtitle')}
        extra={
          <Button icon={<EditOutlined />} onClick={open} disabled={!th} data-testid="thresholds-edit">
            {t('recognition.editThresholds')}
          </Button>
        }
      />
      {th && (
        <Card className="table-card" style={{ marginBottom: 16 }}>
          <Descriptions size="small" title={t('recognition.thresholds')} column={{ xs: 1, md: 3 }}>
            {KINDS.map((k) => (
              <Descriptions.Item key={k} label={t(`orgKind.${k}`)}>
                {formatFen(th[k])}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
      <Card className="table-card">
        {q.isError ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<RecognitionEntry>
            rowKey="organizationId"
            size="middle"
            columns={columns}
            dataSource={q.data?.items ?? []}
            loading={q.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="recognition-table"
            locale={{ emptyText: <Empty description={t('recognition.empty')} /> }}
          />
        )}
      </Card>
      <Modal
        open={editing}
        title={t('recognition.thresholds')}
        okText={t('actions.save')}
        okButtonProps={{ loading: save.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setEditing(false)}
        destroyOnHidden
      >
        <RuleViolation error={error} refusedTitle={t('errors.actionFailed')} />
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          {KINDS.map((k) => (
            <Form.Item key={k} name={k} label={t('recognition.thresholdFor', { kind: t(`orgKind.${k}`) })} required>
              <YuanInput />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
