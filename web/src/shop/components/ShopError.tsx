import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/errors';
import { useDescribeError } from '../../api/describe';

/** A failed load in words: "not found" (or no error at all: a broken link) says what is missing; anything else offers a retry. */
export function ShopError({ error, notFound, hint, onRetry, home }: { error: unknown; notFound: string; hint?: string; onRetry?: () => void; home?: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const missing = error === null || (error instanceof ApiError && error.status === 404);
  return (
    <ErrorBlock
      className="shop-error"
      status={missing ? 'empty' : 'disconnected'}
      title={missing ? notFound : t('errors.loadFailed')}
      description={missing ? (hint ?? t('shop.notFoundHint')) : describe(error)}
      data-testid="shop-error"
    >
      <div className="shop-error-actions">
        {!missing && onRetry && (
          <Button color="primary" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )}
        {home && (
          <Link to={home}>
            <Button color="primary" fill="outline">
              {t('shop.backToShop')}
            </Button>
          </Link>
        )}
      </div>
    </ErrorBlock>
  );
}
