import { EditOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, List, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import { RecognitionCategoryInput, type RecognitionCategory, type RecognitionEntry } from '../../../../shared/schemas/recognition';
import { RecognitionThresholds } from '../../../../shared/schemas/transparency';
import { useAssignCategory, useRecognition, useSaveCategory, useSaveThresholds } from '../../api/charity';
import { useDescribeError } from '../../api/describe';
import { ErrorResult } from '../../components/ErrorResult';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { RuleViolation } from '../../components/RuleViolation';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { useTenantToday } from '../../lib/use-tenant-today';
import { fenToYuan, yuanToFen } from '../../lib/money';

const KINDS = ['enterprise', 'social_org', 'public_institution'] as const;
type Values = Record<(typeof KINDS)[number], string | undefined>;
const MAP = { enterprise: 'enterprise', social_org: 'social_org', public_institution: 'public_institution' };
type CategoryValues = { name?: string; threshold?: string; description?: string };
const CATEGORY_MAP = { name: 'name', thresholdFen: 'threshold', description: 'description' };

/**
 * Rule 6: each organization's confirmed money and goods in a year against its recognition
 * category's threshold (in no category: its kind's), the categories the bureau keeps, and the most
 * active helpers (先进个人).
 */
export default function RecognitionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const thisYear = useTenantToday().year();
  const [year, setYear] = useState(String(thisYear));
  const [onlyRecognized, setOnlyRecognized] = useState(false);
  const q = useRecognition(year);
  const save = useSaveThresholds();
  const saveCategory = useSaveCategory();
  const assign = useAssignCategory();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const [categoryOpen, setCategoryOpen] = useState<{ category?: RecognitionCategory } | null>(null);
  const [categoryError, setCategoryError] = useState<unknown>(null);
  const [categoryForm] = Form.useForm<CategoryValues>();
  const th = q.data?.thresholds;
  const categories = useMemo(() => q.data?.categories ?? [], [q.data]);
  const items = useMemo(() => (q.data?.items ?? []).filter((i) => !onlyRecognized || i.recognized), [q.data, onlyRecognized]);
  const recognizedCount = (q.data?.items ?? []).filter((i) => i.recognized).length;

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

  const openCategory = (category?: RecognitionCategory) => {
    setCategoryError(null);
    categoryForm.resetFields();
    if (category) categoryForm.setFieldsValue({ name: category.name, threshold: fenToYuan(category.thresholdFen), description: category.description });
    setCategoryOpen({ category });
  };
  const submitCategory = async (v: CategoryValues) => {
    const parsed = parseWith(
      categoryForm,
      RecognitionCategoryInput,
      { name: v.name ?? '', thresholdFen: yuanToFen(v.threshold), ...(v.description ? { description: v.description } : {}) },
      CATEGORY_MAP,
    );
    if (!parsed.ok) return;
    try {
      await saveCategory.mutateAsync({ id: categoryOpen?.category?.id, input: parsed.data });
      message.success(t('recognition.categorySaved'));
      setCategoryOpen(null);
    } catch (e) {
      applyServerErrors(categoryForm, e, describe, CATEGORY_MAP);
      setCategoryError(e);
    }
  };
  const changeCategory = async (row: RecognitionEntry, categoryId: string | null) => {
    try {
      await assign.mutateAsync({ organizationId: row.organizationId, categoryId });
      message.success(t('recognition.assigned', { name: row.name }));
    } catch (e) {
      message.error(describe(e));
    }
  };

  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  const columns: ColumnsType<RecognitionEntry> = [
    {
      title: t('fields.orgName'),
      dataIndex: 'name',
      width: 220,
      render: (n: string, r) => (
        <span>
          {r.recognized && <TrophyOutlined style={{ color: '#d48806' }} aria-hidden />} {n}
        </span>
      ),
    },
    {
      title: t('recognition.category'),
      dataIndex: 'categoryId',
      width: 180,
      render: (id: string | null, r) => (
        <Select
          size="small"
          style={{ width: 165 }}
          value={id ?? ''}
          aria-label={t('recognition.category')}
          data-testid={`category-${r.organizationId}`}
          loading={assign.isPending && assign.variables?.organizationId === r.organizationId}
          onChange={(v) => void changeCategory(r, v || null)}
          options={[{ value: '', label: t('recognition.noCategory') }, ...categories.map((c) => ({ value: c.id, label: c.name }))]}
        />
      ),
    },
    { title: t('recognition.kind'), dataIndex: 'kind', width: 110, render: (k: RecognitionEntry['kind']) => <Tag>{t(`orgKind.${k}`)}</Tag> },
    { title: t('recognition.cash'), dataIndex: 'cashFen', width: 120, align: 'right', render: (f: number) => <Money fen={f} /> },
    { title: t('recognition.goods'), dataIndex: 'goodsFen', width: 110, align: 'right', render: (f: number) => <Money fen={f} /> },
    {
      title: t('recognition.total'),
      dataIndex: 'totalFen',
      width: 130,
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
      width: 120,
      align: 'right',
      render: (f: number) => <span className="muted">{formatFen(f)}</span>,
    },
    {
      title: t('recognition.status'),
      dataIndex: 'recognized',
      width: 100,
      render: (r: boolean, e: RecognitionEntry) =>
        e.suspended ? (
          <Tag color="red">{t('recognition.suspended')}</Tag>
        ) : r ? (
          <Tag color="gold">{t('recognition.recognized')}</Tag>
        ) : (
          <Tag>{t('recognition.notRecognized')}</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('recognition.title')}
        subtitle={t('recognition.subtitle')}
        extra={
          <Space wrap>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              aria-label={t('recognition.year')}
              data-testid="recognition-year"
              options={years.map((y) => ({ value: y, label: t('recognition.yearOption', { year: y }) }))}
            />
            <Button icon={<EditOutlined />} onClick={open} disabled={!th} data-testid="thresholds-edit">
              {t('recognition.editThresholds')}
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            className="table-card"
            title={t('recognition.categories')}
            extra={
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => openCategory()} data-testid="category-add">
                {t('recognition.addCategory')}
              </Button>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('recognition.categoriesHint')}
            </Typography.Paragraph>
            <Table<RecognitionCategory>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={categories}
              loading={q.isPending}
              data-testid="category-table"
              locale={{ emptyText: <Empty description={t('recognition.noCategories')} /> }}
              columns={[
                { title: t('recognition.categoryName'), dataIndex: 'name' },
                { title: t('recognition.threshold'), dataIndex: 'thresholdFen', align: 'right', render: (f: number) => formatFen(f) },
                { title: t('recognition.organizations'), dataIndex: 'organizations', align: 'right', width: 90 },
                {
                  key: 'edit',
                  width: 60,
                  render: (_: unknown, c) => (
                    <Button type="link" size="small" icon={<EditOutlined />} aria-label={t('recognition.editCategory')} onClick={() => openCategory(c)} />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          {th && (
            <Card className="table-card" title={t('recognition.thresholds')} style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={1}>
                {KINDS.map((k) => (
                  <Descriptions.Item key={k} label={t(`orgKind.${k}`)}>
                    {formatFen(th[k])}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          )}
          <Card className="table-card" title={t('recognition.helpers')} extra={<span className="muted">{t('recognition.helpersHint')}</span>}>
            <List
              size="small"
              dataSource={q.data?.helpers ?? []}
              locale={{ emptyText: t('recognition.noHelpers') }}
              data-testid="recognized-helpers"
              renderItem={(h, i) => (
                <List.Item extra={t('recognition.helperActivities') + ' ' + h.activities}>
                  <List.Item.Meta title={`${i + 1}. ${h.name}`} description={h.organizationName} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Card
        className="table-card"
        title={q.data ? t('recognition.summary', { year, total: q.data.items.length, recognized: recognizedCount }) : t('recognition.title')}
        extra={
          <Space>
            <span className="muted">{t('recognition.onlyRecognized')}</span>
            <Switch size="small" checked={onlyRecognized} onChange={setOnlyRecognized} aria-label={t('recognition.onlyRecognized')} />
          </Space>
        }
      >
        {q.isError ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<RecognitionEntry>
            rowKey="organizationId"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={q.isPending}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
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
      <Modal
        open={!!categoryOpen}
        title={categoryOpen?.category ? t('recognition.editCategory') : t('recognition.addCategory')}
        okText={t('actions.save')}
        okButtonProps={{ loading: saveCategory.isPending }}
        onOk={() => categoryForm.submit()}
        onCancel={() => setCategoryOpen(null)}
        destroyOnHidden
      >
        <RuleViolation error={categoryError} refusedTitle={t('errors.actionFailed')} />
        <Form<CategoryValues> form={categoryForm} layout="vertical" onFinish={submitCategory} preserve={false}>
          <Form.Item name="name" label={t('recognition.categoryName')} required>
            <Input maxLength={30} data-testid="category-name" />
          </Form.Item>
          <Form.Item name="threshold" label={t('recognition.categoryThreshold')} required>
            <YuanInput data-testid="category-threshold" />
          </Form.Item>
          <Form.Item name="description" label={t('recognition.categoryDescription')}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
