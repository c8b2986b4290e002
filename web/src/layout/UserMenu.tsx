import { BellOutlined, LogoutOutlined, SafetyCertificateOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth/auth-context';

/** Who is signed in, in which role, and the way out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div className="user-card">
                <div>{me.email}</div>
                <Typography.Text type="secondary">{t(`roles.${me.role}`)}</Typography.Text>
                {me.organizationName && <div className="muted">{me.organizationName}</div>}
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'notifications', icon: <BellOutlined />, label: t('notifications.title'), onClick: () => void navigate('/notifications') },
          {
            key: 'notification-settings',
            icon: <SettingOutlined />,
            label: <span data-testid="menu-notification-settings">{t('notificationSettings.menu')}</span>,
            onClick: () => void navigate('/settings/notifications'),
          },
          {
            key: 'security',
            icon: <SafetyCertificateOutlined />,
            label: <span data-testid="menu-security">{t('mfa.menu')}</span>,
            onClick: () => void navigate('/account/security'),
          },
          { type: 'divider' },
          { key: 'sign-out', icon: <LogoutOutlined />, label: <span data-testid="sign-out">{t('auth.signOut')}</span>, onClick: signOut },
        ],
      }}
    >
      <Flex align="center" gap={8} className="user-trigger" data-testid="user-menu" role="button">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4ed8' }} />
        {!compact && <span className="user-email">{me.email}</span>}
      </Flex>
    </Dropdown>
  );
}
