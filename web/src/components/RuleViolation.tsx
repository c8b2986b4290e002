import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { useDescribeError } from '../api/describe';

/**
 * A refusal by the pairing rules, in words: the API's own message (409 conflict or 400
 * validation) and, for the known rules, what it means for the bureau.
 */
export function RuleViolation({ error, refusedTitle }: { error: unknown; refusedTitle?: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  if (!error) return null;
  const isRule = error instanceof ApiError && (error.status === 409 || error.status === 400);
  const reason = error instanceof ApiError ? error.reason : undefined;
  const hint = reason === 'over_limit' ? t('rules.overLimit') : reason === 'duplicate_pairing' ? t('rules.duplicate') : undefined;
  const fields = error instanceof ApiError ? error.fieldErrors.map((f) => f.message).filter((m) => m !== error.message) : [];
  return (
    <Alert
      type="error"
      showIcon
      className="form-alert"
      data-testid="rule-violation"
      title={isRule ? (refusedTitle ?? t('rules.refused')) : t('errors.actionFailed')}
      description={
        <>
          <div>{describe(error)}</div>
          {fields.map((m) => (
            <div key={m}>{m}</div>
          ))}
          {hint && <div className="muted">{hint}</div>}
        </>
      }
    />
  );
}
