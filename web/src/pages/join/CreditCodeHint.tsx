import { CheckCircleFilled } from '../../shop/components/icons';
import { useTranslation } from 'react-i18next';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../../../shared/credit-code';

/** What the applicant typed, as the check reads it: spaces out, capitals. */
export const normalizeCreditCode = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : v);

/**
 * The credit code checked while it is typed (GB 32100-2015): how many characters so far, a
 * character the code never uses, or, at 18, whether the check character is the one the first 17 give.
 * `required` is the schema's message for an empty field once a submit was tried; `server` what the
 * server said of this code (already registered…).
 */
export function CreditCodeHint({ code, required, server }: { code: string; required?: string; server?: string }) {
  const { t } = useTranslation();
  if (server) return <div className="join-field-error">{server}</div>;
  if (!code) return required ? <div className="join-field-error">{required}</div> : null;
  if ([...code].some((ch) => !CREDIT_CODE_CHARSET.includes(ch)))
    return (
      <div className="join-field-error" data-testid="credit-code-hint">
        {t('join.creditCodeCharset')}
      </div>
    );
  if (code.length < 18)
    return (
      <div className={required ? 'join-field-error' : 'join-field-hint'} data-testid="credit-code-hint">
        {t('join.creditCodeLength', { n: code.length })}
      </div>
    );
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17])
    return (
      <div className="join-field-error" data-testid="credit-code-hint">
        {t('join.creditCodeCheck', { c: expected })}
      </div>
    );
  return (
    <div className="join-field-ok" data-testid="credit-code-hint">
      <CheckCircleFilled /> {t('join.creditCodeOk')}
    </div>
  );
}
