import { MinusOutlined, PlusOutlined } from './icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { value: number; min?: number; max: number; onChange: (n: number) => void; disabled?: boolean; label: string; 'data-testid'?: string };

/**
 * − [n] +, accessible: the field is a named spinbutton and the buttons say what they do (antd-mobile's
 * Stepper leaves its input unnamed and puts aria-value* on a plain div, axe's critical `label` and
 * `aria-allowed-attr`). Typing is free; the number is clamped to min…max when the field is left.
 */
export function QuantityStepper({ value, min = 1, max, onChange, disabled, label, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const clamp = (n: number) => Math.min(Math.max(n, min), Math.max(min, max));
  const commit = () => {
    if (draft === null) return;
    const n = Number.parseInt(draft, 10);
    onChange(Number.isFinite(n) ? clamp(n) : value);
    setDraft(null);
  };
  return (
    <div className={`shop-stepper${disabled ? ' disabled' : ''}`} data-testid={testId}>
      <button
        type="button"
        className="shop-stepper-btn adm-stepper-minus"
        aria-label={`${t('shop.stepperDecrease')} ${label}`}
        disabled={disabled || value <= min}
        onClick={() => onChange(clamp(value - 1))}
      >
        <MinusOutlined aria-hidden />
      </button>
      <input
        className="shop-stepper-input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        role="spinbutton"
        aria-label={label}
        aria-valuenow={value}
        aria-valuemin={min}
        aria-valuemax={max}
        value={draft ?? String(value)}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value.replace(/\D/g, '').slice(0, 4))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <button
        type="button"
        className="shop-stepper-btn adm-stepper-plus"
        aria-label={`${t('shop.stepperIncrease')} ${label}`}
        disabled={disabled || value >= max}
        onClick={() => onChange(clamp(value + 1))}
      >
        <PlusOutlined aria-hidden />
      </button>
    </div>
  );
}
