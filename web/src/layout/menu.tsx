import {
  AccountBookOutlined,
  AlertOutlined,
  AuditOutlined,
  IdcardOutlined,
  UsergroupAddOutlined,
  ApartmentOutlined,
  MoneyCollectOutlined,
  TrophyOutlined,
  BankOutlined,
  CalendarOutlined,
  FileExcelOutlined,
  SolutionOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  FireOutlined,
  ReadOutlined,
  FundOutlined,
  GiftOutlined,
  HistoryOutlined,
  HeartOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../../../shared/permissions';

export type NavItem = { path: string; labelKey: NavLabel; icon: ReactNode };
type NavLabel =
  | 'nav.dashboard'
  | 'nav.villages'
  | 'nav.organizations'
  | 'nav.pairings'
  | 'nav.claim'
  | 'nav.myPairings'
  | 'nav.myOrganization'
  | 'nav.tenants'
  | 'nav.produce'
  | 'nav.orders'
  | 'nav.settlement'
  | 'nav.commitments'
  | 'nav.campaigns'
  | 'nav.stories'
  | 'nav.donations'
  | 'nav.expenditures'
  | 'nav.recognition'
  | 'nav.assessment'
  | 'nav.concerns'
  | 'nav.myDonations'
  | 'nav.compliance'
  | 'nav.needs'
  | 'nav.data'
  | 'nav.reports'
  | 'nav.myCommitment'
  | 'nav.users'
  | 'nav.members'
  | 'nav.applications'
  | 'nav.auditLog';

/** Each role's screens, in the order its work runs. */
export const NAV: Record<Role, NavItem[]> = {
  bureau_admin: [
    { path: '/', labelKey: 'nav.dashboard', icon: <DashboardOutlined /> },
    { path: '/villages', labelKey: 'nav.villages', icon: <EnvironmentOutlined /> },
    { path: '/organizations', labelKey: 'nav.organizations', icon: <TeamOutlined /> },
    { path: '/applications', labelKey: 'nav.applications', icon: <AuditOutlined /> },
    { path: '/pairings', labelKey: 'nav.pairings', icon: <ApartmentOutlined /> },
    { path: '/compliance', labelKey: 'nav.compliance', icon: <CalendarOutlined /> },
    { path: '/needs', labelKey: 'nav.needs', icon: <SolutionOutlined /> },
    { path: '/produce', labelKey: 'nav.produce', icon: <GiftOutlined /> },
    { path: '/orders', labelKey: 'nav.orders', icon: <ProfileOutlined /> },
    { path: '/settlements', labelKey: 'nav.settlement', icon: <WalletOutlined /> },
    { path: '/commitments', labelKey: 'nav.commitments', icon: <FundOutlined /> },
    { path: '/campaigns', labelKey: 'nav.campaigns', icon: <FireOutlined /> },
    { path: '/stories', labelKey: 'nav.stories', icon: <ReadOutlined /> },
    { path: '/donations', labelKey: 'nav.donations', icon: <MoneyCollectOutlined /> },
    { path: '/expenditures', labelKey: 'nav.expenditures', icon: <AccountBookOutlined /> },
    { path: '/recognition', labelKey: 'nav.recognition', icon: <TrophyOutlined /> },
    { path: '/assessments', labelKey: 'nav.assessment', icon: <ScheduleOutlined /> },
    { path: '/concerns', labelKey: 'nav.concerns', icon: <AlertOutlined /> },
    { path: '/data', labelKey: 'nav.data', icon: <FileExcelOutlined /> },
    { path: '/users', labelKey: 'nav.users', icon: <IdcardOutlined /> },
    { path: '/audit', labelKey: 'nav.auditLog', icon: <HistoryOutlined /> },
  ],
  org_member: [
    { path: '/claim', labelKey: 'nav.claim', icon: <FlagOutlined /> },
    { path: '/my-pairings', labelKey: 'nav.myPairings', icon: <HeartOutlined /> },
    { path: '/reports', labelKey: 'nav.reports', icon: <CalendarOutlined /> },
    { path: '/needs', labelKey: 'nav.needs', icon: <SolutionOutlined /> },
    { path: '/my-commitment', labelKey: 'nav.myCommitment', icon: <FundOutlined /> },
    { path: '/assessments', labelKey: 'nav.assessment', icon: <ScheduleOutlined /> },
    { path: '/produce', labelKey: 'nav.produce', icon: <GiftOutlined /> },
    { path: '/orders', labelKey: 'nav.orders', icon: <ProfileOutlined /> },
    { path: '/settlement', labelKey: 'nav.settlement', icon: <WalletOutlined /> },
    { path: '/donations', labelKey: 'nav.myDonations', icon: <MoneyCollectOutlined /> },
    { path: '/my-organization', labelKey: 'nav.myOrganization', icon: <ShopOutlined /> },
    { path: '/members', labelKey: 'nav.members', icon: <UsergroupAddOutlined /> },
  ],
  platform_admin: [{ path: '/tenants', labelKey: 'nav.tenants', icon: <BankOutlined /> }],
};

/** The menu key for a location: the longest nav path it starts with. */
export function selectedNavPath(items: NavItem[], pathname: string): string {
  const match = items.filter((i) => (i.path === '/' ? pathname === '/' : pathname.startsWith(i.path))).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '';
}
