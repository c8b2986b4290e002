import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';

/**
 * A link that does not work, said plainly: used or expired (410, the server's own words),
 * unknown or mangled (404 / 400), or a failure worth another try.
 */
export function LinkProblem({
  error,
  goneTitle,
  notFoundTitle,
  notFoundText,
  action,
  onRetry,
}: {
  error: unknown;
  goneTitle: string;
  notFoundTitle: string;
  notFoundText: string;
  action: ReactNode;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 410)
    return <Result status="warning" title={goneTitle} subTitle={describe(error)} extra={action} className="link-problem" data-testid="link-gone" />;
  if (status === 404 || status === 400)
    return <Result status="error" title={notFoundTitle} subTitle={notFoundText} extra={action} className="link-problem" data-testid="link-not-found" />;
  return (
    <Result
      status="error"
      title={t('errors.loadFailed')}
      subTitle={describe(error)}
      className="link-problem"
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
