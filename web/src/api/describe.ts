import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from './errors';

/**
 * What to tell a person about a failed call. The API's messages are already written for people
 * (in Chinese), so an ApiError shows its own; the rest get a translated sentence.
 */
export function useDescribeError(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 429) return t('errors.rateLimited');
      if (error.status === 403) return error.message || t('errors.forbidden');
      if (error.status >= 500) return t('errors.server');
      return error.message || t('errors.unknown');
    }
    if (error instanceof NetworkError) return t('errors.network');
    return t('errors.unknown');
  };
}
