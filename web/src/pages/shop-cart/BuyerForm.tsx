import { Form, Input, TextArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ShopBuyer } from './buyer-schema';

export type BuyerValues = { name?: string; phone?: string; address?: string };

const F = ShopBuyer.shape;

/** One field of the shared schema as a form rule: its Chinese message shows under the field. */
const rule = (schema: z.ZodType) => ({
  validator: async (_: unknown, value: unknown) => {
    const r = schema.safeParse(typeof value === 'string' && value.trim() === '' ? undefined : value);
    if (!r.success) throw new Error(r.error.issues[0]?.message);
  },
});

/** 收货人, 手机号, 收货地址: checked with the shared Buyer schema as the donor types. */
export function BuyerForm({ form, onFinish }: { form: ReturnType<typeof Form.useForm<BuyerValues>>[0]; onFinish: (v: BuyerValues) => void }) {
  const { t } = useTranslation();
  return (
    <Form form={form} layout="horizontal" mode="card" onFinish={onFinish} className="shop-buyer-form" data-testid="buyer-form">
      <Form.Header>{t('shop.cart.buyerTitle')}</Form.Header>
      <Form.Item name="name" label={t('shop.cart.buyerName')} rules={[rule(F.name)]} required>
        <Input placeholder={t('shop.cart.buyerNamePlaceholder')} maxLength={50} autoComplete="name" data-testid="buyer-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('shop.cart.buyerPhone')} rules={[rule(F.phone)]} required>
        <Input placeholder={t('shop.cart.buyerPhonePlaceholder')} type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" data-testid="buyer-phone" />
      </Form.Item>
      <Form.Item name="address" label={t('shop.cart.buyerAddress')} rules={[rule(F.address)]} required>
        <TextArea placeholder={t('shop.cart.buyerAddressPlaceholder')} autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} data-testid="buyer-address" />
      </Form.Item>
    </Form>
  );
}
