import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_SOURCES, SchemeInput, type AssessmentSource, type Scheme } from '../../../../shared/schemas/assessments';
import { useCreateScheme } from '../../api/assessments';
import { useDescribeError } from '../../api/describe';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { yuanToFen } from '../../lib/money';

type Row = { id?: string; name?: string; points?: number; source?: AssessmentSource; target?: string };
type Values = { name?: string; totalPoints?: number; criteria?: Row[]; vetoes?: { id?: string; name?: string }[] };

/** 新建考核方案: criteria whose points add up to the total, each computed or scored by the bureau, and veto items. */
export function SchemeCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (s: Scheme) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const create = useCreateScheme();
  const [form] = Form.useForm<Values>();
  const criteria = Form.useWatch('criteria', form) ?? [];
  const sum = criteria.reduce((a, c) => a + (Number(c?.points) || 0), 0);

  const submit = async (v: Values) => {
    const input = {
      name: v.name ?? '',
      totalPoints: v.totalPoints ?? 0,
      criteria: (v.criteria ?? []).map((c, i) => ({
        id: c.id || `c${i + 1}`,
        name: c.name ?? '',
        points: c.points ?? 0,
        source: c.source ?? 'manual',
        ...(c.source === 'donations' ? { targetFen: yuanToFen(c.target) } : {}),
      })),
      vetoes: (v.vetoes ?? []).map((x, i) => ({ id: x.id || `v${i + 1}`, name: x.name ?? '' })),
    };
    const parsed = parseWith(form, SchemeInput, input);
    if (!parsed.ok) return;
    try {
      const s = await create.mutateAsync(parsed.data);
      message.success(t('assessment.schemeSaved'));
      onCreated(s);
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe);
    }
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('assessment.newScheme')}
      okText={t('actions.save')}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ totalPoints: 100, criteria: [{ name: '', points: 100, source: 'reports_on_time' }], vetoes: [] }}
      >
        <Space wrap align="start">
          <Form.Item name="name" label={t('assessment.schemeName')} required style={{ width: 420 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="totalPoints" label={t('assessment.totalPoints')} required>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
        </Space>
        <Typography.Text type={sum === form.getFieldValue('totalPoints') ? 'secondary' : 'danger'}>
          {t('assessment.sum', { sum, total: form.getFieldValue('totalPoints') ?? 0 })}
        </Typography.Text>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'name']} label={t('assessment.criterion')} required style={{ width: 220 }}>
                    <Input maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'source']} label={t('assessment.source')} required style={{ width: 150 }}>
                    <Select options={ASSESSMENT_SOURCES.map((s) => ({ value: s, label: t(`assessment.sources.${s}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'points']} label={t('assessment.points')} required>
                    <InputNumber min={1} max={1000} precision={0} style={{ width: 90 }} />
                  </Form.Item>
                  {criteria[f.name]?.source === 'donations' && (
                    <Form.Item name={[f.name, 'target']} label={t('assessment.target')} required style={{ width: 150 }}>
                      <YuanInput />
                    </Form.Item>
                  )}
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('assessment.remove')}
                    onClick={() => remove(f.name)}
                    style={{ marginTop: 30 }}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ source: 'manual' })} disabled={fields.length >= 30}>
                {t('assessment.addCriterion')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.List name="vetoes">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 16 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start">
                  <Form.Item name={[f.name, 'name']} label={t('assessment.veto')} required style={{ width: 420 }}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('assessment.remove')}
                    onClick={() => remove(f.name)}
                    style={{ marginTop: 30 }}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 10}>
                {t('assessment.addVeto')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
