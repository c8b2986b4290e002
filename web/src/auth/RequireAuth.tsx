import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorResult } from '../components/ErrorResult';
import { ConsoleLayout } from '../layout/ConsoleLayout';
import { useAuth } from './auth-context';
import { useMeQuery } from './me-query';

/** The console's gate: no token → sign-in; then the user from /api/me, then the layout. */
export function RequireAuth() {
  const { token } = useAuth();
  const location = useLocation();
  const me = useMeQuery(token);
  if (!token) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (me.isPending) return <Spin fullscreen size="large" />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} fullPage />;
  // a user who must use two-step verification sets it up before anything else (the API
  // answers its other calls 403 mfa_enrolment_required until then)
  if (me.data.mfa?.required && !me.data.mfa.enabled) return <Navigate to="/mfa-setup" replace />;
  return (
    <ConsoleLayout>
      <Outlet />
    </ConsoleLayout>
  );
}
