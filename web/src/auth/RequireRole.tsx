import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/permissions';
import { useMe } from './auth-context';

/** A screen for some roles only; the others see a 403 page rather than a broken one. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!roles.includes(me.role)) return <Result status="403" title="403" subTitle={t('errors.forbiddenPage')} />;
  return <>{children}</>;
}
