import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { MOBILE_PHONE_PATTERN, ORDER_NO_PATTERN } from '../../../../shared/formats';
import { ApiError } from '../../api/errors';
import { useOrderLookup } from '../../shop/api';
import { ShopNavBar } from '../../shop/components/ShopNavBar';

type Field = 'phone' | 'orderNo';

/**
 * Find my order: the mobile number and the order number open the order page. A plain
 * form checked with the schemas' own patterns (shared/formats.ts): the page stays small enough
 * for a phone on a slow link, and the server checks the same again.
 */
export default function ShopLookupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const lookup = useOrderLookup(slug);
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ phone: '', orderNo: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);

  const check = (v: Record<Field, string>) => {
    const p: Partial<Record<Field, string>> = {};
    if (!MOBILE_PHONE_PATTERN.test(v.phone.trim())) p.phone = t('orderLookup.phoneInvalid');
    if (!ORDER_NO_PATTERN.test(v.orderNo.trim().toUpperCase())) p.orderNo = t('orderLookup.orderNoInvalid');
    return p;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const p = check(values);
    setProblems(p);
    if (p.phone || p.orderNo) {
      document.getElementById(`${id}-${p.phone ? 'phone' : 'orderNo'}`)?.focus();
      return;
    }
    try {
      const r = await lookup.mutateAsync({ phone: values.phone.trim(), orderNo: values.orderNo.trim().toUpperCase() });
      void navigate(r.url);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404
          ? t('orderLookup.notFound')
          : err instanceof ApiError && err.status === 429
            ? t('orderLookup.tooMany')
            : t('orderLookup.failed'),
      );
    }
  };

  const field = (name: Field, input: { type: string; inputMode?: 'numeric' | 'text'; maxLength: number; autoComplete: string; testId: string }) => (
    <div className={`shop-field${problems[name] ? ' shop-field-invalid' : ''}`}>
      <label htmlFor={`${id}-${name}`} className="shop-field-label">
        {t(name === 'phone' ? 'orderLookup.phone' : 'orderLookup.orderNo')}
        <span className="shop-required" aria-hidden="true">
          *
        </span>
      </label>
      <input
        id={`${id}-${name}`}
        className="shop-input"
        name={name}
        type={input.type}
        inputMode={input.inputMode}
        maxLength={input.maxLength}
        autoComplete={input.autoComplete}
        required
        aria-invalid={problems[name] ? true : undefined}
        aria-describedby={problems[name] ? `${id}-${name}-problem` : undefined}
        placeholder={t(name === 'phone' ? 'orderLookup.phonePlaceholder' : 'orderLookup.orderNoPlaceholder')}
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        data-testid={input.testId}
      />
      {problems[name] && (
        <div id={`${id}-${name}-problem`} className="shop-field-problem">
          {problems[name]}
        </div>
      )}
    </div>
  );

  return (
    <div className="shop-page shop-lookup">
      <ShopNavBar slug={slug} title={t('orderLookup.title')} />
      <p className="shop-fineprint shop-lookup-intro">{t('orderLookup.intro')}</p>
      <form className="shop-form-card" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="lookup-form">
        {field('phone', { type: 'tel', inputMode: 'numeric', maxLength: 11, autoComplete: 'tel', testId: 'lookup-phone' })}
        {field('orderNo', { type: 'text', maxLength: 90, autoComplete: 'off', testId: 'lookup-orderno' })}
        <button
          type="submit"
          className="shop-button shop-button-primary shop-button-block"
          disabled={lookup.isPending}
          aria-busy={lookup.isPending}
          data-testid="lookup-submit"
        >
          {lookup.isPending ? t('orderLookup.searching') : t('orderLookup.submit')}
        </button>
      </form>
      {error && (
        <p className="shop-lookup-error" role="alert" data-testid="lookup-error">
          {error}
        </p>
      )}
    </div>
  );
}
