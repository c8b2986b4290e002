import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useTenants, type TenantRow } from './queries';
import { TenantForm } from './TenantForm';
import { UserForm } from './UserForm';

/** The platform operator's view: the tenants, a new one, and a first user for each. */
export default function TenantsPage() {
  const { t } = useTranslation();
  const tenants = useTenants();
  const [creating, setCreating] = useState(false);
  const [userFor, setUserFor] = useState<TenantRow | null>(null);

  return (
    <>
      <PageHeader
        title={t('tenants.title')}
        subtitle={t('tenants.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tenants.create')}
          </Button>
        }
      />
      <Card className="table-card">
        {tenants.isError ? (
          <ErrorResult error={tenants.error} onRetry={() => void tenants.refetch()} />
        ) : (
          <>
            <Table<TenantRow>
              rowKey="id"
              loading={tenants.isPending}
              dataSource={tenants.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('tenants.empty')} /> }}
              columns={[
                { title: t('tenants.name'), dataIndex: 'name', render: (n: string) => <b>{n}</b> },
                { title: t('tenants.slug'), dataIndex: 'slug', render: (s: string) => <span className="mono">{s}</span> },
                { title: t('tenants.id'), dataIndex: 'id', responsive: ['md'], render: (s: string) => <span className="mono muted">{s}</span> },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_, row) => (
                    <Button type="link" size="small" icon={<UserAddOutlined />} onClick={() => setUserFor(row)}>
                      {t('tenants.addUser')}
                    </Button>
                  ),
                },
              ]}
            />
            <LoadMore
              hasMore={tenants.hasNextPage}
              loading={tenants.isFetchingNextPage}
              onMore={() => void tenants.fetchNextPage()}
              shown={tenants.items.length}
            />
          </>
        )}
      </Card>
      <TenantForm open={creating} onClose={() => setCreating(false)} />
      <UserForm tenant={userFor} tenants={tenants.items} onClose={() => setUserFor(null)} />
    </>
  );
}
