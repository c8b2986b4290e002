import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { OrgDescriptions } from '../../components/OrgDescriptions';
import { PageHeader } from '../../components/PageHeader';
import { useOrganization } from '../../api/organizations';
import { ContactForm } from './ContactForm';

/** My organization's profile: its status with the bureau, and the contact details it keeps. */
export default function MyOrganizationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const org = useOrganization(me.organizationId);
  const [editing, setEditing] = useState(false);

  if (!me.organizationId) return <Result status="warning" title={t('myOrganization.noOrg')} />;
  const notice =
    org.data?.status === 'pending'
      ? { type: 'info' as const, text: t('myOrganization.pendingNotice') }
      : org.data?.status === 'rejected' || org.data?.status === 'suspended'
        ? { type: 'error' as const, text: t('myOrganization.blockedNotice', { status: t(`orgStatus.${org.data.status}`) }) }
        : null;

  return (
    <>
      <PageHeader
        title={t('myOrganization.title')}
        subtitle={t('myOrganization.subtitle')}
        extra={
          org.data && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
              {t('myOrganization.edit')}
            </Button>
          )
        }
      />
      {notice && <Alert type={notice.type} showIcon title={notice.text} className="page-alert" />}
      <Card>
        {org.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
        {org.isError && <ErrorResult error={org.error} onRetry={() => void org.refetch()} />}
        {org.data && <OrgDescriptions org={org.data} />}
      </Card>
      {org.data && <ContactForm org={org.data} open={editing} onClose={() => setEditing(false)} />}
    </>
  );
}
