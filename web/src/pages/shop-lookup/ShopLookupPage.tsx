import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { OrderLookupInput } from '../../../../shared/schemas/orders';
import { ApiError } from '../../api/errors';
import { useOrderLookup } from '../../shop/api';
import { ShopNavBar } from '../../shop/components/ShopNavBar';

type Values = { phone?: string; orderNo?: string };
const F = OrderLookupInput.shape;

/** One field of the shared schema as a form rule: its message shows under the field. */
const rule = (schema: (typeof F)[keyof typeof F], message: string) => ({
  validator: async (_: unknown, value: unknown) => {
    if (!schema.safeParse(value ?? '').success) throw new Error(message);
  },
});

/** Find my order (issue 16): the mobile number and the order number open the order page. */
export default function ShopLookupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const lookup = useOrderLookup(slug);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (v: Values) => {
    setError(null);
    try {
      const r = await lookup.mutateAsync({ phone: (v.phone ?? '').trim(), orderNo: (v.orderNo ?? '').trim().toUpperCase() });
      navigate(r.url);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('orderLookup.notFound') : e instanceof ApiError && e.status === 429 ? t('orderLookup.tooMany') : t('orderLookup.failed'));
    }
  };

  return (
    <div className="shop-page shop-lookup">
      <ShopNavBar slug={slug} title={t('orderLookup.title')} />
      <p className="shop-fineprint" style={{ padding: '12px 16px 0' }}>{t('orderLookup.intro')}</p>
      <Form
        form={form}
        layout="horizontal"
        mode="card"
        onFinish={(v) => void onFinish(v)}
        data-testid="lookup-form"
        footer={
          <Button block type="submit" color="primary" size="large" loading={lookup.isPending} data-testid="lookup-submit">
            {t('orderLookup.submit')}
          </Button>
        }
      >
        <Form.Item name="phone" label={t('orderLookup.phone')} rules={[rule(F.phone, t('orderLookup.phoneInvalid'))]} required>
          <Input placeholder={t('orderLookup.phonePlaceholder')} type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" data-testid="lookup-phone" />
        </Form.Item>
        <Form.Item name="orderNo" label={t('orderLookup.orderNo')} rules={[rule(F.orderNo, t('orderLookup.orderNoInvalid'))]} required>
          <Input placeholder={t('orderLookup.orderNoPlaceholder')} maxLength={90} autoComplete="off" data-testid="lookup-orderno" />
        </Form.Item>
      </Form>
      {error && (
        <p className="shop-lookup-error" role="alert" data-testid="lookup-error" style={{ color: 'var(--adm-color-danger)', padding: '0 16px', fontSize: 14 }}>
          {error}
        </p>
      )}
    </div>
  );
}
