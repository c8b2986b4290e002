import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Descriptions, Form, Input, Modal, Radio, Row, Tooltip, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import { PAYOUT_METHODS, PayoutInput, type Settlement } from '../../../../shared/schemas/settlements';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { useOrganization } from '../../api/organizations';
import { useAttachPayoutEvidence, useCreatePayout } from '../../api/settlements';
import { Money } from '../../components/Money';
import { RuleViolation } from '../../components/RuleViolation';
import { evidenceProblem, EVIDENCE_TYPES } from '../../components/settlement/evidence';
import { monthLabel } from '../../components/settlement/month-label';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, compact, parseWith } from '../../forms/zod';
import { toIsoDate } from '../../lib/dates';
import { fenToYuan, yuanToFen } from '../../lib/money';

type Values = { amountYuan?: string | null; method: (typeof PAYOUT_METHODS)[number]; reference?: string; date?: Dayjs; note?: string };

/** The owed amount a 409 names (details.owedFen), when the payout asked for more. */
const owedOf = (e: unknown): number | undefined => {
  const d = e instanceof ApiError && e.status === 409 ? (e.details as { owedFen?: unknown } | undefined) : undefined;
  return typeof d?.owedFen === 'number' ? d.owedFen : undefined;
};

/**
 * 付款: the bureau pays a seller for a month, at most what is owed (the server refuses more, 409).
 * Prefilled with the owed amount and today; asked once more before it is sent; the bank slip, if
 * chosen, is attached once the payout exists.
 */
export function PayoutModal({ seller, month, today, onClose }: { seller: Settlement | null; month: string; today: Dayjs; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const describe = useDescribeError();
  const create = useCreatePayout();
  const attach = useAttachPayoutEvidence();
  const [form] = Form.useForm<Values>();
  const method = Form.useWatch('method', form);
  const [error, setError] = useState<unknown>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const attempt = useRef<{ sig: string; key: string } | null>(null);
  // a Stripe transfer needs the organization's payout account, set on its page (the server says 409 otherwise)
  const org = useOrganization(seller?.organizationId);
  const noAccount = !org.data?.stripeAccountId;
  const noAccountHint = seller ? t('settlement.stripeNeedsAccount', { name: seller.organizationName }) : '';

  useEffect(() => {
    if (!seller) return;
    setError(null);
    setFiles([]);
    attempt.current = null;
    form.resetFields();
  }, [seller, form]);

  const send = async (input: PayoutInput) => {
    if (!seller) return;
    const sig = JSON.stringify(input);
    if (attempt.current?.sig !== sig) attempt.current = { sig, key: idempotencyKey() };
    setError(null);
    try {
      const payout = await create.mutateAsync({ input, key: attempt.current.key });
      message.success(t('settlement.paid', { amount: formatFen(payout.amountFen), name: seller.organizationName }));
      const file = files[0]?.originFileObj;
      if (file) {
        try {
          await attach.mutateAsync({ id: payout.id, file });
        } catch (e) {
          message.warning(t('settlement.evidenceLater', { reason: describe(e) }), 8);
        }
      }
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) applyServerErrors(form, e, describe, { amountFen: 'amountYuan' });
      setError(e);
    }
  };

  const submit = (v: Values) => {
    if (!seller?.organizationId) return;
    const parsed = parseWith(
      form,
      PayoutInput,
      compact({
        organizationId: seller.organizationId,
        amountFen: yuanToFen(v.amountYuan),
        method: v.method,
        reference: v.reference,
        date: toIsoDate(v.date),
        month,
        note: v.note,
      }),
      { amountFen: 'amountYuan' },
    );
    if (!parsed.ok) return;
    const input = parsed.data;
    modal.confirm({
      title: t('settlement.payConfirm', { amount: formatFen(input.amountFen), name: seller.organizationName }),
      content: (
        <>
          <div>
            {t('settlement.payConfirmText', {
              month: monthLabel(t, month),
              method: t(`payoutMethod.${input.method}`),
              reference: input.reference,
              date: input.date,
            })}
          </div>
          {input.amountFen < seller.owedFen && <div className="muted">{t('settlement.payPartial', { rest: formatFen(seller.owedFen - input.amountFen) })}</div>}
          {input.amountFen > seller.owedFen && <div className="danger-text">{t('settlement.payOver', { owed: formatFen(seller.owedFen) })}</div>}
        </>
      ),
      okText: t('settlement.payNow'),
      okButtonProps: { ...({ 'data-testid': 'payout-confirm' } as object) },
      cancelText: t('actions.cancel'),
      onOk: () => send(input),
    });
  };

  const owed = owedOf(error);
  return (
    <Modal
      open={seller !== null}
      title={seller ? t('settlement.payTitle', { name: seller.organizationName, month: monthLabel(t, month) }) : ''}
      okText={t('settlement.pay')}
      okButtonProps={{ loading: create.isPending || attach.isPending, ...({ 'data-testid': 'payout-submit' } as object) }}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      data-testid="payout-dialog"
    >
      {seller && (
        <Descriptions size="small" bordered column={3} className="payout-summary" layout="vertical">
          <Descriptions.Item label={t('settlement.fig.payableFen')}>
            <Money fen={seller.payableFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('settlement.fig.paidOutFen')}>
            <Money fen={seller.paidOutFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('settlement.fig.owedFen')}>
            <b className="owed-due">
              <Money fen={seller.owedFen} />
            </b>
          </Descriptions.Item>
        </Descriptions>
      )}
      <RuleViolation error={error} refusedTitle={t('settlement.payRefused')} />
      {owed !== undefined && owed > 0 && (
        <Alert
          type="info"
          className="form-alert"
          title={t('settlement.payOwedInstead', { owed: formatFen(owed) })}
          action={
            <Button size="small" onClick={() => form.setFieldsValue({ amountYuan: fenToYuan(owed) })}>
              {t('settlement.useOwed')}
            </Button>
          }
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ amountYuan: fenToYuan(Math.max(seller?.owedFen ?? 0, 0)), method: 'bank_transfer', date: today }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="amountYuan"
              label={t('settlement.amountYuan')}
              required
              rules={[{ required: true, message: t('settlement.amountRequired') }]}
              extra={t('settlement.amountHint')}
            >
              <YuanInput data-testid="payout-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="method" label={t('settlement.col.method')} extra={org.isSuccess && noAccount ? noAccountHint : undefined}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={PAYOUT_METHODS.map((m) =>
                  m === 'stripe_transfer' && noAccount
                    ? {
                        value: m,
                        disabled: true,
                        label: (
                          <Tooltip title={org.isSuccess ? noAccountHint : undefined}>
                            <span>{t(`payoutMethod.${m}`)}</span>
                          </Tooltip>
                        ),
                      }
                    : { value: m, label: t(`payoutMethod.${m}`) },
                )}
                data-testid="payout-method"
              />
            </Form.Item>
          </Col>
        </Row>
        {method === 'stripe_transfer' && <Alert type="info" showIcon className="form-alert" title={t('settlement.stripeHint')} />}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="reference" label={t('settlement.reference')} required>
              <Input
                maxLength={100}
                className="mono"
                placeholder={t(method === 'stripe_transfer' ? 'settlement.referencePlaceholderStripe' : 'settlement.referencePlaceholder')}
                data-testid="payout-reference"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="date" label={t('settlement.payDate')} required>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} allowClear={false} data-testid="payout-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('fields.note')}>
          <Input maxLength={200} placeholder={t('settlement.notePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('settlement.evidence')} extra={t('settlement.evidenceHint')}>
          <Upload.Dragger
            accept={EVIDENCE_TYPES.join(',')}
            maxCount={1}
            fileList={files}
            beforeUpload={(file) => {
              const problem = evidenceProblem(file);
              if (problem) {
                message.error(t(problem));
                return Upload.LIST_IGNORE;
              }
              setFiles([{ uid: file.uid, name: file.name, size: file.size, type: file.type, originFileObj: file, status: 'done' }]);
              return false;
            }}
            onRemove={() => setFiles([])}
            className="payout-evidence-drop"
          >
            <p className="ant-upload-text">
              <InboxOutlined className="payout-evidence-icon" /> {t('settlement.evidenceDrop')}
            </p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Modal>
  );
}
