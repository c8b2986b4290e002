import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type BuyerField = 'name' | 'phone' | 'address';
export type BuyerValues = Record<BuyerField, string>;
export type BuyerProblems = Partial<Record<BuyerField, string>>;
export const EMPTY_BUYER: BuyerValues = { name: '', phone: '', address: '' };

/**
 * 收货人, 手机号, 收货地址: plain labelled fields (the page checks them with the shared ShopBuyer
 * schema, and shows each problem under its field, tied to it by aria-describedby). Plain elements
 * rather than antd-mobile's Form, which weighed ~27 KB compressed on the cart page.
 */
export function BuyerForm({
  values,
  problems,
  onChange,
}: {
  values: BuyerValues;
  problems: BuyerProblems;
  onChange: (field: BuyerField, value: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const field = (
    name: BuyerField,
    label: string,
    placeholder: string,
    input: { maxLength: number; type?: string; inputMode?: 'numeric'; autoComplete: string; multiline?: boolean },
  ) => {
    const common = {
      id: `${id}-${name}`,
      name,
      className: 'shop-input',
      maxLength: input.maxLength,
      autoComplete: input.autoComplete,
      placeholder,
      required: true,
      value: values[name],
      'aria-invalid': problems[name] ? true : undefined,
      'aria-describedby': problems[name] ? `${id}-${name}-problem` : undefined,
    } as const;
    return (
      <div className={`shop-field shop-field-row${problems[name] ? ' shop-field-invalid' : ''}`} data-testid={`buyer-${name}`}>
        <label htmlFor={`${id}-${name}`} className="shop-field-label">
          {label}
          <span className="shop-required" aria-hidden="true">
            *
          </span>
        </label>
        {input.multiline ? (
          <textarea {...common} rows={2} onChange={(e) => onChange(name, e.target.value)} />
        ) : (
          <input {...common} type={input.type ?? 'text'} inputMode={input.inputMode} onChange={(e) => onChange(name, e.target.value)} />
        )}
        {problems[name] && (
          <div id={`${id}-${name}-problem`} className="shop-field-problem">
            {problems[name]}
          </div>
        )}
      </div>
    );
  };
  return (
    <section className="shop-form-card shop-buyer-form" aria-labelledby={`${id}-title`} data-testid="buyer-form">
      <h2 id={`${id}-title`} className="shop-form-title">
        {t('shop.cart.buyerTitle')}
      </h2>
      {field('name', t('shop.cart.buyerName'), t('shop.cart.buyerNamePlaceholder'), { maxLength: 50, autoComplete: 'name' })}
      {field('phone', t('shop.cart.buyerPhone'), t('shop.cart.buyerPhonePlaceholder'), {
        maxLength: 11,
        type: 'tel',
        inputMode: 'numeric',
        autoComplete: 'tel',
      })}
      {field('address', t('shop.cart.buyerAddress'), t('shop.cart.buyerAddressPlaceholder'), {
        maxLength: 300,
        autoComplete: 'street-address',
        multiline: true,
      })}
    </section>
  );
}
