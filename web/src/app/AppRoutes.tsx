import { lazy, Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useMe } from '../auth/auth-context';
import { RequireAuth } from '../auth/RequireAuth';
import { RequireRole } from '../auth/RequireRole';

// one chunk per screen: an organization's phone never downloads the bureau's dashboard
const SignInPage = lazy(() => import('../pages/sign-in/SignInPage'));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage'));
const VillagesPage = lazy(() => import('../pages/villages/VillagesPage'));
const OrganizationsPage = lazy(() => import('../pages/organizations/OrganizationsPage'));
const PairingsPage = lazy(() => import('../pages/pairings/PairingsPage'));
const ClaimPage = lazy(() => import('../pages/claim/ClaimPage'));
const MyPairingsPage = lazy(() => import('../pages/my-pairings/MyPairingsPage'));
const MyOrganizationPage = lazy(() => import('../pages/my-organization/MyOrganizationPage'));
const TenantsPage = lazy(() => import('../pages/tenants/TenantsPage'));
const ProducePage = lazy(() => import('../pages/produce/ProducePage'));
const OrdersPage = lazy(() => import('../pages/orders/OrdersPage'));
const SettlementPage = lazy(() => import('../pages/settlement/SettlementPage'));
const SettlementsPage = lazy(() => import('../pages/settlements/SettlementsPage'));
const CommitmentsPage = lazy(() => import('../pages/commitments/CommitmentsPage'));
const CampaignsPage = lazy(() => import('../pages/campaigns/CampaignsPage'));
const StoriesPage = lazy(() => import('../pages/stories/StoriesPage'));
const DonationsPage = lazy(() => import('../pages/donations/DonationsPage'));
const ExpendituresPage = lazy(() => import('../pages/expenditures/ExpendituresPage'));
const RecognitionPage = lazy(() => import('../pages/recognition/RecognitionPage'));
const AssessmentsPage = lazy(() => import('../pages/assessments/AssessmentsPage'));
const ConcernsPage = lazy(() => import('../pages/concerns/ConcernsPage'));
const ReportsPage = lazy(() => import('../pages/reports/ReportsPage'));
const CompliancePage = lazy(() => import('../pages/compliance/CompliancePage'));
const NeedsPage = lazy(() => import('../pages/needs/NeedsPage'));
const DataPage = lazy(() => import('../pages/data/DataPage'));
const MyCommitmentPage = lazy(() => import('../pages/my-commitment/MyCommitmentPage'));
const NotificationsPage = lazy(() => import('../pages/notifications/NotificationsPage'));
const NotificationSettingsPage = lazy(() => import('../pages/notification-settings/NotificationSettingsPage'));
const UsersPage = lazy(() => import('../pages/users/UsersPage'));
const ApplicationsPage = lazy(() => import('../pages/applications/ApplicationsPage'));
const AuditLogPage = lazy(() => import('../pages/audit/AuditLogPage'));
const InvitePage = lazy(() => import('../pages/account/InvitePage'));
const ForgotPasswordPage = lazy(() => import('../pages/account/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../pages/account/ResetPasswordPage'));
const MfaSetupPage = lazy(() => import('../pages/account/MfaSetupPage'));
const SecurityPage = lazy(() => import('../pages/account/SecurityPage'));
const NotFoundPage = lazy(() => import('../pages/not-found/NotFoundPage'));

const BUREAU = ['bureau_admin'] as const;
const ORG = ['org_member'] as const;
const PLATFORM = ['platform_admin'] as const;
const SELLERS = ['bureau_admin', 'org_member'] as const;

/** "/" is each role's first screen. */
function Home() {
  const me = useMe();
  if (me.role === 'org_member') return <Navigate to="/claim" replace />;
  if (me.role === 'platform_admin') return <Navigate to="/tenants" replace />;
  return <DashboardPage />;
}

/** A page without a session (sign-in, an invitation, a password reset). */
const open = (node: ReactNode) => <Suspense fallback={<Spin fullscreen size="large" />}>{node}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={open(<SignInPage />)} />
      <Route path="/invite/:token" element={open(<InvitePage />)} />
      <Route path="/forgot-password" element={open(<ForgotPasswordPage />)} />
      <Route path="/reset-password/:token" element={open(<ResetPasswordPage />)} />
      {/* signed in, but must set up two-step verification before the console */}
      <Route path="/mfa-setup" element={open(<MfaSetupPage />)} />
      <Route element={<RequireAuth />}>
        <Route index element={<Home />} />
        <Route
          path="villages"
          element={
            <RequireRole roles={BUREAU}>
              <VillagesPage />
            </RequireRole>
          }
        />
        <Route
          path="organizations"
          element={
            <RequireRole roles={BUREAU}>
              <OrganizationsPage />
            </RequireRole>
          }
        />
        <Route
          path="pairings"
          element={
            <RequireRole roles={BUREAU}>
              <PairingsPage />
            </RequireRole>
          }
        />
        <Route
          path="claim"
          element={
            <RequireRole roles={ORG}>
              <ClaimPage />
            </RequireRole>
          }
        />
        <Route
          path="my-pairings"
          element={
            <RequireRole roles={ORG}>
              <MyPairingsPage />
            </RequireRole>
          }
        />
        <Route
          path="my-organization"
          element={
            <RequireRole roles={ORG}>
              <MyOrganizationPage />
            </RequireRole>
          }
        />
        <Route
          path="tenants"
          element={
            <RequireRole roles={PLATFORM}>
              <TenantsPage />
            </RequireRole>
          }
        />
        <Route
          path="produce"
          element={
            <RequireRole roles={SELLERS}>
              <ProducePage />
            </RequireRole>
          }
        />
        <Route
          path="orders"
          element={
            <RequireRole roles={SELLERS}>
              <OrdersPage />
            </RequireRole>
          }
        />
        <Route
          path="settlement"
          element={
            <RequireRole roles={ORG}>
              <SettlementPage />
            </RequireRole>
          }
        />
        <Route
          path="settlements"
          element={
            <RequireRole roles={BUREAU}>
              <SettlementsPage />
            </RequireRole>
          }
        />
        <Route
          path="commitments"
          element={
            <RequireRole roles={BUREAU}>
              <CommitmentsPage />
            </RequireRole>
          }
        />
        <Route
          path="campaigns"
          element={
            <RequireRole roles={BUREAU}>
              <CampaignsPage />
            </RequireRole>
          }
        />
        <Route
          path="stories"
          element={
            <RequireRole roles={BUREAU}>
              <StoriesPage />
            </RequireRole>
          }
        />
        <Route
          path="donations"
          element={
            <RequireRole roles={SELLERS}>
              <DonationsPage />
            </RequireRole>
          }
        />
        <Route
          path="expenditures"
          element={
            <RequireRole roles={BUREAU}>
              <ExpendituresPage />
            </RequireRole>
          }
        />
        <Route
          path="recognition"
          element={
            <RequireRole roles={BUREAU}>
              <RecognitionPage />
            </RequireRole>
          }
        />
        <Route
          path="assessments"
          element={
            <RequireRole roles={SELLERS}>
              <AssessmentsPage />
            </RequireRole>
          }
        />
        <Route
          path="concerns"
          element={
            <RequireRole roles={BUREAU}>
              <ConcernsPage />
            </RequireRole>
          }
        />
        <Route
          path="reports"
          element={
            <RequireRole roles={ORG}>
              <ReportsPage />
            </RequireRole>
          }
        />
        <Route
          path="compliance"
          element={
            <RequireRole roles={BUREAU}>
              <CompliancePage />
            </RequireRole>
          }
        />
        <Route
          path="needs"
          element={
            <RequireRole roles={SELLERS}>
              <NeedsPage />
            </RequireRole>
          }
        />
        <Route
          path="data"
          element={
            <RequireRole roles={BUREAU}>
              <DataPage />
            </RequireRole>
          }
        />
        <Route
          path="my-commitment"
          element={
            <RequireRole roles={ORG}>
              <MyCommitmentPage />
            </RequireRole>
          }
        />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="settings/notifications" element={<NotificationSettingsPage />} />
        <Route path="account/security" element={<SecurityPage />} />
        <Route
          path="users"
          element={
            <RequireRole roles={BUREAU}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route
          path="members"
          element={
            <RequireRole roles={ORG}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route
          path="applications"
          element={
            <RequireRole roles={BUREAU}>
              <ApplicationsPage />
            </RequireRole>
          }
        />
        <Route
          path="audit"
          element={
            <RequireRole roles={BUREAU}>
              <AuditLogPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
