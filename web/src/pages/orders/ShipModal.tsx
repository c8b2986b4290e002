import { App, AutoComplete, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Shipment, type Fulfilment, type Order } from '../../../../shared/schemas/orders';
import { useDescribeError } from '../../api/describe';
import { useParcelAction } from '../../api/orders';
import { Money } from '../../components/Money';
import { RuleViolation } from '../../components/RuleViolation';
import { applyServerErrors, parseWith, zodRule } from '../../forms/zod';
import { parcelNumber } from './order-actions';

type Values = { carrier?: string; trackingNo?: string };
const F = Shipment.shape;

export type ShipTarget = { order: Order; parcel: Fulfilment };

/** 发货 of one parcel: the carrier and its tracking number, checked with the shared Shipment schema. */
export function ShipModal({ target, onClose }: { target: ShipTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const action = useParcelAction();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const carriers = t('orders.carriers').split('|');

  useEffect(() => {
    if (!target) return;
    setError(null);
    form.resetFields();
  }, [target, form]);

  const submit = async (v: Values) => {
    if (!target) return;
    const parsed = parseWith(form, Shipment, v);
    if (!parsed.ok) return;
    setError(null);
    const { order, parcel } = target;
    try {
      await action.mutateAsync({ kind: 'ship', orderId: order.id, fulfilmentId: parcel.id, shipment: parsed.data });
      message.success(
        order.fulfilments.length > 1
          ? t('orders.parcelShipped', { id: order.id, n: parcelNumber(parcel), seller: parcel.sellerName })
          : t('orders.shipped', { id: order.id }),
      );
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, { 'shipment.carrier': 'carrier', 'shipment.trackingNo': 'trackingNo' });
      setError(e);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t('orders.shipTitle')}
      okText={t('orders.ship')}
      okButtonProps={{ loading: action.isPending, ...({ 'data-testid': 'ship-confirm' } as object) }}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && (
        <Typography.Paragraph type="secondary">
          {t('orders.shipSummary', { id: target.order.id, name: target.order.buyer.name, address: target.order.buyer.address ?? '—' })}
          <br />
          {t('orders.parcelLabel', { n: parcelNumber(target.parcel), seller: target.parcel.sellerName })} · <Money fen={target.parcel.totalFen} />
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
