import { App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClaimInput } from '../../../../shared/schemas/pairings';
import type { Village } from '../../../../shared/schemas/villages';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { NeedTags } from '../../components/status-tags';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { RuleViolation } from '../../components/RuleViolation';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { yuanToFen } from '../../lib/money';
import { toIsoDate } from '../../lib/dates';
import { useClaim } from './queries';

type Values = { startDate?: Dayjs; moneyYuan?: string; goodsYuan?: string; jobs?: number; projects?: string; note?: string };
const PATHS = {
  'commitment.moneyFen': 'moneyYuan',
  'commitment.goodsFen': 'goodsYuan',
  'commitment.jobs': 'jobs',
  'commitment.projects': 'projects',
  'commitment.note': 'note',
};

/** 认领结对: a commitment (money and goods typed in yuan, sent as integer fen) and a proposed start. */
export function ClaimModal({ village, onClose }: { village: Village | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const claim = useClaim();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const key = useMemo(() => (village ? idempotencyKey() : ''), [village]);

  useEffect(() => {
    if (village) {
      form.resetFields();
      setError(null);
      setProblems([]);
    }
  }, [village, form]);

  const submit = async (v: Values) => {
    if (!village) return;
    const commitment = Object.fromEntries(
      Object.entries({
        moneyFen: yuanToFen(v.moneyYuan),
        goodsFen: yuanToFen(v.goodsYuan),
        jobs: v.jobs ?? undefined,
        projects: v.projects?.trim() || undefined,
        note: v.note?.trim() || undefined,
      }).filter(([, x]) => x !== undefined),
    );
    const raw = { villageId: village.id, startDate: toIsoDate(v.startDate), ...(Object.keys(commitment).length ? { commitment } : {}) };
    const parsed = parseWith(form, ClaimInput, raw, PATHS);
    setError(null);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    try {
      await claim.mutateAsync({ input: parsed.data, key });
      message.success(t('claim.submitted', { village: village.name }));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, PATHS);
      setError(e);
    }
  };

  return (
    <Modal
      open={village !== null}
      title={village && t('claim.modalTitle', { village: village.name })}
      okText={t('claim.submit')}
      okButtonProps={{ loading: claim.isPending, ...({ 'data-testid': 'claim-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {village && (
        <div className="claim-summary">
          <Typography.Text type="secondary">
            {village.township} · {t('claim.poor', { poor: village.poorHouseholds, households: village.households })}
          </Typography.Text>
          <div>
            <NeedTags needs={village.needs} />
          </div>
        </div>
      )}
      <RuleViolation error={error} />
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="startDate" label={t('claim.startDate')} extra={t('claim.startDateHint')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(village?.registeredOn), 'day')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Divider titlePlacement="start" plain className="form-divider">
              {t('claim.commitmentSection')}
            </Divider>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="moneyYuan" label={t('claim.moneyYuan')}>
              <YuanInput data-testid="claim-money" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="goodsYuan" label={t('claim.goodsYuan')}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="jobs" label={t('fields.jobs')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="projects" label={t('fields.projects')}>
              <Input maxLength={500} placeholder={t('claim.projectsPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('fields.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
