import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import { EXPENDITURE_CATEGORIES, ExpenditureInput } from '../../../../shared/schemas/expenditures';
import { useRecordExpenditure } from '../../api/charity';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { RuleViolation } from '../../components/RuleViolation';
import { VillageSelect } from '../../components/VillageSelect';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, compact, parseWith } from '../../forms/zod';
import { fromIsoDate, toIsoDate } from '../../lib/dates';
import { yuanToFen } from '../../lib/money';

type Values = { villageId?: string; amountYuan?: string; purpose?: string; category: string; date?: Dayjs; evidenceUrl?: string };

/** A 409 over the balance, in words: what the village has, what was asked, by how much it is over. */
function OverBalance({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const d = (error.details ?? {}) as { balanceFen?: number; amountFen?: number };
  if (typeof d.balanceFen !== 'number' || typeof d.amountFen !== 'number') return <RuleViolation error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      className="form-alert"
      data-testid="over-balance"
      title={t('expenditures.overBalance')}
      description={t('expenditures.overBalanceText', {
        balance: formatFen(d.balanceFen),
        amount: formatFen(d.amountFen),
        over: formatFen(d.amountFen - d.balanceFen),
      })}
    />
  );
}

/** Record a use of a village's donated cash (purpose, category, date, evidence link). */
export function ExpenditureModal({ open, onClose, today }: { open: boolean; onClose: () => void; today: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const save = useRecordExpenditure();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const attempt = useRef<{ sig: string; key: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    attempt.current = null;
    form.resetFields();
  }, [open, form]);

  const submit = async (v: Values) => {
    const parsed = parseWith(form, ExpenditureInput, compact({ ...v, amountYuan: undefined, date: toIsoDate(v.date), amountFen: yuanToFen(v.amountYuan) }), {
      amountFen: 'amountYuan',
    });
    if (!parsed.ok) return;
    const sig = JSON.stringify(parsed.data);
    if (attempt.current?.sig !== sig) attempt.current = { sig, key: idempotencyKey() };
    setError(null);
    try {
      await save.mutateAsync({ input: parsed.data, key: attempt.current.key });
      message.success(t('expenditures.recorded'));
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) applyServerErrors(form, e, describe, { amountFen: 'amountYuan' });
      setError(e);
    }
  };

  return (
    <Modal
      open={open}
      title={t('expenditures.recordTitle')}
      okText={t('actions.save')}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {error instanceof ApiError && error.status === 409 ? (
        <OverBalance error={error} />
      ) : (
        <RuleViolation error={error} refusedTitle={t('errors.actionFailed')} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ category: 'other', date: fromIsoDate(today) }}>
        <Form.Item name="villageId" label={t('ledger.village')} required rules={[{ required: true, message: t('donations.villageRequired') }]}>
          <VillageSelect />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('donations.amountYuan')} required rules={[{ required: true, message: t('donations.amountRequired') }]}>
          <YuanInput data-testid="expenditure-amount" />
        </Form.Item>
        <Form.Item name="purpose" label={t('expenditures.purpose')} required>
          <Input maxLength={200} placeholder={t('expenditures.purposePlaceholder')} />
        </Form.Item>
        <Form.Item name="category" label={t('expenditures.category')}>
          <Select options={EXPENDITURE_CATEGORIES.map((c) => ({ value: c, label: t(`expenditureCategory.${c}`) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('ledger.date')} required>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="evidenceUrl" label={t('expenditures.evidence')} extra={t('expenditures.evidenceHint')}>
          <Input type="url" placeholder="https://" maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
