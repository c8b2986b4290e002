import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { USER_STATUSES, type UserRow } from '../../../../shared/schemas/accounts';
import { useUsers } from '../../api/accounts';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { InviteModal } from './InviteModal';
import { UserTable } from './UserTable';

type Status = UserRow['status'];

/**
 * 账号管理 (bureau: its whole tenant, with disable / enable) and 本组织成员 (an org_member: its
 * colleagues, and inviting one). Pending invitations are rows too.
 */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const bureau = me.role === 'bureau_admin';
  const [params, setParams] = useSearchParams();
  const status = (USER_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const organizationId = bureau ? (params.get('organization') ?? undefined) : undefined;
  const users = useUsers({ status, organizationId });
  const [inviting, setInviting] = useState(false);

  const setFilter = (key: 'status' | 'organization', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={bureau ? t('users.titleBureau') : t('users.titleOrg')}
        subtitle={bureau ? t('users.subtitleBureau') : t('users.subtitleOrg', { org: me.organizationName ?? '' })}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)} data-testid="invite-open">
            {t('users.invite')}
          </Button>
        }
      />
      <Card className="table-card">
        <Flex className="filter-bar" gap={12} wrap align="center">
          <StatusFilter<Status> statuses={USER_STATUSES} value={status} label={(s) => t(`userStatus.${s}`)} onChange={(s) => setFilter('status', s)} />
          {bureau && (
            <OrganizationSelect
              allowClear
              value={organizationId}
              onChange={(v) => setFilter('organization', v)}
              placeholder={t('users.filterOrganization')}
              style={{ width: 240, maxWidth: '100%' }}
            />
          )}
        </Flex>
        {users.isError ? (
          <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <>
            <UserTable users={users.items} loading={users.isPending} bureau={bureau} />
            <LoadMore hasMore={users.hasNextPage} loading={users.isFetchingNextPage} onMore={() => void users.fetchNextPage()} shown={users.items.length} />
          </>
        )}
      </Card>
      <InviteModal open={inviting} onClose={() => setInviting(false)} />
    </>
  );
}
