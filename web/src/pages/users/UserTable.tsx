import { App, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../../../shared/schemas/accounts';
import { idempotencyKey } from '../../api/client';
import { useInvite, useSetUserEnabled } from '../../api/accounts';
import { useDescribeError } from '../../api/describe';
import { useMe } from '../../auth/auth-context';
import { UserStatusTag } from '../../components/status-tags';
import { formatInstant } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';

/**
 * Accounts and invitations. The bureau disables and enables (never itself); anyone who may invite
 * may send an invitation again, which replaces its earlier link.
 */
export function UserTable({ users, loading, bureau }: { users: UserRow[]; loading: boolean; bureau: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const setEnabled = useSetUserEnabled();
  const invite = useInvite();

  const toggle = async (u: UserRow, enabled: boolean) => {
    try {
      await setEnabled.mutateAsync({ id: u.id, enabled });
      message.success(t(enabled ? 'users.enabled' : 'users.disabled', { email: u.email }));
    } catch (e) {
      message.error(describe(e));
    }
  };

  const resend = async (u: UserRow) => {
    if (u.role === 'platform_admin') return;
    try {
      await invite.mutateAsync({
        input: { email: u.email, role: u.role, ...(u.organizationId ? { organizationId: u.organizationId } : {}) },
        key: idempotencyKey(),
      });
      message.success(t('users.resent', { email: u.email }));
    } catch (e) {
      message.error(describe(e));
    }
  };

  const columns: ColumnsType<UserRow> = [
    {
      title: t('fields.email'),
      key: 'email',
      render: (_, u) => (
        <>
          <Typography.Text strong={u.status !== 'disabled'} type={u.status === 'disabled' ? 'secondary' : undefined}>
            {u.email}
          </Typography.Text>
          {u.id === me.id && (
            <Tag color="blue" className="user-you">
              {t('users.you')}
            </Tag>
          )}
          {isPhone && (
            <div className="cell-sub">
              <UserStatusTag user={u} /> {t(`roles.${u.role}`)}
              {bureau && u.organizationName ? ` · ${u.organizationName}` : ''}
            </div>
          )}
        </>
      ),
    },
    { title: t('fields.role'), key: 'role', width: 130, responsive: ['md'], render: (_, u) => t(`roles.${u.role}`) },
    ...(bureau
      ? [
          {
            title: t('users.organization'),
            key: 'organization',
            width: 220,
            responsive: ['md'],
            render: (_: unknown, u: UserRow) =>
              u.organizationName ?? (u.role === 'bureau_admin' ? <span className="muted">{t('users.bureauSelf')}</span> : '—'),
          } satisfies ColumnsType<UserRow>[number],
        ]
      : []),
    { title: t('fields.status'), key: 'status', width: 120, responsive: ['md'], render: (_, u) => <UserStatusTag user={u} /> },
    {
      title: t('users.time'),
      key: 'time',
      width: 190,
      responsive: ['lg'],
      render: (_, u) =>
        u.status === 'invited' ? (
          <span className="muted nowrap">{u.expiresAt ? t('users.expiresAt', { date: formatInstant(u.expiresAt) }) : '—'}</span>
        ) : u.createdAt ? (
          <span className="nowrap">{t('users.createdAt', { date: formatInstant(u.createdAt) })}</span>
        ) : (
          '—'
        ),
    },
  ];
  // a member acts only on invitations (sending one again): no column of empty cells without any
  if (bureau || users.some((u) => u.status === 'invited'))
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, u) => (
        <Space size={0} wrap>
          {u.status === 'invited' && (
            <Popconfirm
              title={t('users.resendConfirm', { email: u.email })}
              description={t('users.resendHint')}
              okText={t('users.resend')}
              onConfirm={() => resend(u)}
            >
              <Button type="link" size="small" data-testid="user-resend">
                {t('users.resend')}
              </Button>
            </Popconfirm>
          )}
          {bureau &&
            u.status === 'active' &&
            (u.id === me.id ? (
              <Tooltip title={t('users.selfHint')}>
                <Button type="link" size="small" danger disabled>
                  {t('users.disable')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t('users.disableConfirm', { email: u.email })}
                description={t('users.disableHint')}
                okText={t('users.disable')}
                okButtonProps={{ danger: true }}
                onConfirm={() => toggle(u, false)}
              >
                <Button type="link" size="small" danger data-testid="user-disable">
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            ))}
          {bureau && u.status === 'disabled' && (
            <Popconfirm
              title={t('users.enableConfirm', { email: u.email })}
              description={t('users.enableHint')}
              okText={t('users.enable')}
              onConfirm={() => toggle(u, true)}
            >
              <Button type="link" size="small" data-testid="user-enable">
                {t('users.enable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });

  return (
    <Table<UserRow>
      rowKey={(u) => `${u.status}:${u.id}`}
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(u) => (u.status === 'disabled' ? 'row-muted' : '')}
      locale={{ emptyText: <Empty description={t('users.empty')} /> }}
    />
  );
}
