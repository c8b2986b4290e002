import { App, AutoComplete, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Shipment, type Order } from '../../../../shared/schemas/orders';
import { useDescribeError } from '../../api/describe';
import { useOrderAction } from '../../api/orders';
import { RuleViolation } from '../../components/RuleViolation';
import { Money } from '../../components/Money';
import { applyServerErrors, parseWith, zodRule } from '../../forms/zod';

type Values = { carrier?: string; trackingNo?: string };
const F = Shipment.shape;

/** 发货: the carrier and its tracking number, checked with the shared Shipment schema. */
export function ShipModal({ order, onClose }: { order: Order | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const action = useOrderAction();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const carriers = t('orders.carriers').split('|');

  useEffect(() => {
    if (!order) return;
    setError(null);
    form.resetFields();
  }, [order, form]);

  const submit = async (v: Values) => {
    if (!order) return;
    const parsed = parseWith(form, Shipment, v);
    if (!parsed.ok) return;
    setError(null);
    try {
      await action.mutateAsync({ kind: 'ship', id: order.id, shipment: parsed.data });
      message.success(t('orders.shipped', { id: order.id }));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, { 'shipment.carrier': 'carrier', 'shipment.trackingNo': 'trackingNo' });
      setError(e);
    }
  };

  return (
    <Modal
      open={order !== null}
      title={t('orders.shipTitle')}
      okText={t('orders.ship')}
      okButtonProps={{ loading: action.isPending, ...({ 'data-testid': 'ship-confirm' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {order && (
        <Typography.Paragraph type="secondary">
          {t('orders.shipSummary', { id: order.id, name: order.buyer.name, address: order.buyer.address ?? '—' })} · <Money fen={order.totalFen} />
        </Typography.Paragraph>
      )}
      <RuleViolation error={error} refusedTitle={t('orders.refused')} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="carrier" label={t('shop.order.carrier')} rules={[zodRule(F.carrier)]} required>
          <AutoComplete options={carriers.map((c) => ({ value: c }))} placeholder={t('orders.carrierPlaceholder')} data-testid="ship-carrier" filterOption />
        </Form.Item>
        <Form.Item name="trackingNo" label={t('shop.order.trackingNo')} rules={[zodRule(F.trackingNo)]} required>
          <Input className="mono" maxLength={40} data-testid="ship-tracking" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
