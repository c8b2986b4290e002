import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { HelperList } from '../../components/helpers/HelperList';
import { OrgDescriptions } from '../../components/OrgDescriptions';
import { PageHeader } from '../../components/PageHeader';
import { useOrganizationChanges } from '../../api/organization-changes';
import { useOrganization } from '../../api/organizations';
import { changeLines } from '../organizations/change-text';
import { ContactForm } from './ContactForm';

/** My organization's profile: its status with the bureau, the contact details it keeps, and its helpers (帮扶队员). */
export default function MyOrganizationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const org = useOrganization(me.organizationId);
  const [editing, setEditing] = useState(false);
  // the latest request to change the name, kind or credit code: pending, or just rejected
  const changes = useOrganizationChanges({}, !!me.organizationId);
  const latest = changes.items.find((c) => c.status !== 'superseded');

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
              {t('orgChanges.edit')}
            </Button>
          )
        }
      />
      {notice && <Alert type={notice.type} showIcon title={notice.text} className="page-alert" />}
      {latest?.status === 'pending' && (
        <Alert
          type="warning"
          showIcon
          className="page-alert"
          data-testid="pending-change"
          title={t('orgChanges.pendingNotice', { changes: changeLines(latest, t).join(t('audit.separator')) })}
          description={t('orgChanges.pendingNoticeHint')}
        />
      )}
      {latest?.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          closable
          className="page-alert"
          title={t('orgChanges.rejectedNotice', { reason: latest.reason ?? '' })}
          description={changeLines(latest, t).join(t('audit.separator'))}
        />
      )}
      <Card>
        {org.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
        {org.isError && <ErrorResult error={org.error} onRetry={() => void org.refetch()} />}
        {org.data && <OrgDescriptions org={org.data} />}
      </Card>
      {org.data && (
        <Card title={t('helpers.tab')} style={{ marginTop: 16 }}>
          <HelperList organizationId={org.data.id} />
        </Card>
      )}
      {org.data && <ContactForm org={org.data} open={editing} onClose={() => setEditing(false)} />}
    </>
  );
}
