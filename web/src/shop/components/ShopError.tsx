import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/errors';
import { useDescribeError } from '../../api/describe';
import { EmptyState } from './EmptyState';

/** A failed load in words: "not found" (or no error at all: a broken link) says what is missing; anything else offers a retry. */
export function ShopError({ error, notFound, hint, onRetry, home }: { error: unknown; notFound: string; hint?: string; onRetry?: () => void; home?: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const missing = error === null || (error instanceof ApiError && error.status === 404);
  return (
    <EmptyState
      className="shop-error"
      kind={missing ? 'empty' : 'offline'}
      title={missing ? notFound : t('errors.loadFailed')}
      description={missing ? (hint ?? t('shop.notFoundHint')) : describe(error)}
      testId="shop-error"
    >
      <div className="shop-error-actions">
        {!missing && onRetry && (
          <button type="button" className="shop-button shop-button-primary" onClick={onRetry}>
            {t('actions.retry')}
          </button>
        )}
        {home && (
          <Link to={home} className="shop-button shop-button-outline">
            {t('shop.backToShop')}
          </Link>
        )}
      </div>
    </EmptyState>
  );
}
