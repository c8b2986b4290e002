import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Layout, Menu, Spin, Typography } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { usePendingApplicationCount } from '../api/applications';
import { useMe } from '../auth/auth-context';
import { StandingBanner } from '../components/cockpit/StandingBanner';
import { useIsPhone } from '../lib/use-is-phone';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { NAV, selectedNavPath } from './menu';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/** The console frame: side menu (a drawer on phones), a header with tenant, language and user. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const isPhone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const nav = NAV[me.role];
  // the bureau's menu says how many applications wait (one small call a minute at most)
  const pending = usePendingApplicationCount(me.role === 'bureau_admin');
  const badge = (path: string) => (path === '/applications' && pending.data ? pending.data : 0);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      className="side-menu"
      selectedKeys={[selectedNavPath(nav, location.pathname)]}
      items={nav.map((i) => ({
        key: i.path,
        icon: i.icon,
        label:
          badge(i.path) > 0 ? (
            <span className="nav-label-count">
              {t(i.labelKey)}
              <Badge count={badge(i.path)} overflowCount={99} size="small" data-testid="nav-pending-applications" />
            </span>
          ) : (
            t(i.labelKey)
          ),
      }))}
      onClick={({ key }) => {
        void navigate(key);
        setDrawerOpen(false);
      }}
    />
  );
  const place = me.tenant?.name ?? t('app.platform');

  return (
    <Layout className="console">
      {!isPhone && (
        <Layout.Sider width={228} collapsedWidth={72} collapsed={collapsed} trigger={null} className="side">
          <Brand collapsed={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0 }, section: { background: '#0b2447' } }}
        >
          <Brand />
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="console-header">
          <Button
            type="text"
            aria-label={t('nav.toggle')}
            icon={isPhone ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (isPhone ? setDrawerOpen(true) : setCollapsed(!collapsed))}
            data-testid="nav-toggle"
          />
          <div className="header-place">
            <Typography.Text strong ellipsis data-testid="tenant-name">
              {place}
            </Typography.Text>
            {!isPhone && me.organizationName && (
              <Typography.Text type="secondary" ellipsis className="header-org">
                {me.organizationName}
              </Typography.Text>
            )}
          </div>
          <div className="header-tools">
            <LanguageSwitch short={isPhone} />
            <NotificationBell compact={isPhone} />
            <UserMenu compact={isPhone} />
          </div>
        </Layout.Header>
        <Layout.Content className="console-content">
          {/* rule 10: an organization that stopped reporting hears it on every portal page */}
          {me.role === 'org_member' && <StandingBanner />}
          <Suspense fallback={<Spin size="large" className="page-spin" />}>{children}</Suspense>
        </Layout.Content>
        <Layout.Footer className="console-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
