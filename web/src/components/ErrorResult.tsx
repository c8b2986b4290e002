import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { useDescribeError } from '../api/describe';

/** A failed load, said in words, with a way to try again. */
export function ErrorResult({ error, onRetry, fullPage }: { error: unknown; onRetry?: () => void; fullPage?: boolean }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const status = error instanceof ApiError && (error.status === 403 || error.status === 404) ? (String(error.status) as '403' | '404') : 'error';
  return (
    <Result
      status={status}
      title={t(status === '404' ? 'errors.notFoundTitle' : status === '403' ? 'errors.forbiddenTitle' : 'errors.loadFailed')}
      subTitle={describe(error)}
      style={fullPage ? { paddingTop: '18vh' } : undefined}
      extra={
        onRetry && (
          <Button type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )
      }
    />
  );
}
