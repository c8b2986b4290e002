import { BankOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Skeleton, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribeError } from '../../api/describe';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useSaveMfaRequirement, useTenantSettings } from './mfa-api';
import { TotpEnrolment } from './TotpEnrolment';

/** Account security: the caller's two-step verification, and for a bureau admin its tenant's rule. */
export default function SecurityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [enrolling, setEnrolling] = useState(false);
  const enabled = !!me.mfa?.enabled;

  return (
    <>
      <PageHeader title={t('mfa.pageTitle')} subtitle={t('mfa.pageSubtitle')} />
      <div className="settings-panel">
        <Card
          className="settings-card"
          data-testid="mfa-card"
          title={
            <span>
              <SafetyCertificateOutlined className="settings-card-icon" />
              {t('mfa.title')}
            </span>
          }
          extra={
            <Flex gap={4}>
              {me.mfa?.required && !enabled && <Tag color="orange">{t('mfa.required')}</Tag>}
              <Tag color={enabled ? 'green' : 'default'} data-testid="mfa-status">
                {enabled ? t('mfa.on') : t('mfa.off')}
              </Tag>
            </Flex>
          }
        >
          <Typography.Paragraph type="secondary">{t('mfa.intro')}</Typography.Paragraph>
          {enabled ? (
            <Typography.Paragraph>{t('mfa.enabledText')}</Typography.Paragraph>
          ) : enrolling ? (
            <TotpEnrolment
              email={me.email}
              onCancel={() => setEnrolling(false)}
              onDone={() => {
                setEnrolling(false);
                message.success(t('mfa.enabledToast'));
              }}
            />
          ) : (
            <Button type="primary" onClick={() => setEnrolling(true)} data-testid="mfa-begin">
              {t('mfa.start')}
            </Button>
          )}
        </Card>
        {me.role === 'bureau_admin' && <TenantMfaSwitch />}
      </div>
    </>
  );
}

/** The bureau's switch: must its administrators use two-step verification? Asked to confirm either way. */
function TenantMfaSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const settings = useTenantSettings(true);
  const save = useSaveMfaRequirement();
  const required = !!settings.data?.mfaRequiredForBureauAdmins;

  const change = async () => {
    try {
      await save.mutateAsync(!required);
      message.success(t('tenantSecurity.saved'));
    } catch (e) {
      message.error(describe(e));
    }
  };

  return (
    <Card
      className="settings-card"
      data-testid="tenant-security"
      title={
        <span>
          <BankOutlined className="settings-card-icon" />
          {t('tenantSecurity.title')}
        </span>
      }
    >
      {settings.isError ? (
        <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex justify="space-between" align="flex-start" gap={24}>
          <div>
            <Typography.Text strong>{t('tenantSecurity.requireMfa')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('tenantSecurity.requireMfaHint')}
            </Typography.Paragraph>
          </div>
          <Popconfirm
            title={required ? t('tenantSecurity.confirmOff') : t('tenantSecurity.confirmOn')}
            description={<div style={{ maxWidth: 320 }}>{required ? t('tenantSecurity.confirmOffText') : t('tenantSecurity.confirmOnText')}</div>}
            onConfirm={() => void change()}
          >
            <Switch checked={required} loading={save.isPending} data-testid="require-mfa" />
          </Popconfirm>
        </Flex>
      )}
    </Card>
  );
}
