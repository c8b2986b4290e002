import { MailOutlined, SafetyCertificateOutlined, TranslationOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Radio, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, NotificationSettings, UserEmailKind } from '../../../../shared/schemas/notifications';
import { useDescribeError } from '../../api/describe';
import { useNotificationSettings, useSaveNotificationSettings } from '../../api/notifications';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors } from '../../forms/zod';
import { LANGUAGES } from '../../i18n';
import { emailKindsFor } from './email-kinds';

type Values = { locale: Locale; email: Partial<Record<UserEmailKind, boolean>> };

/** The language of the user's emails and, per kind, whether it also reaches the inbox. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const settings = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const kinds = useMemo(() => emailKindsFor(me.role), [me.role]);

  // the form takes the server's values once they arrive (and again after a save)
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toValues(settings.data, kinds));
  }, [settings.data, kinds, form]);

  const submit = async (values: Values) => {
    setProblems([]);
    try {
      await save.mutateAsync({ locale: values.locale, email: values.email });
      message.success(t('notificationSettings.saved'));
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <>
      <PageHeader title={t('notificationSettings.title')} subtitle={t('notificationSettings.subtitle')} />
      {settings.isError ? (
        <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <Card className="settings-panel">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Form<Values>
          form={form}
          onFinish={submit}
          initialValues={toValues(settings.data, kinds)}
          className="settings-panel"
          data-testid="notification-settings"
        >
          <ProblemsAlert problems={problems} />
          <Card
            title={
              <span>
                <TranslationOutlined className="settings-card-icon" />
                {t('notificationSettings.languageTitle')}
              </span>
            }
            className="settings-card"
          >
            <Typography.Paragraph type="secondary">{t('notificationSettings.languageHint')}</Typography.Paragraph>
            <Form.Item name="locale" noStyle>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                data-testid="settings-locale"
              />
            </Form.Item>
          </Card>
          <Card
            title={
              <span>
                <MailOutlined className="settings-card-icon" />
                {t('notificationSettings.emailTitle')}
              </span>
            }
            extra={<span className="muted">{t('notificationSettings.emailTo', { email: me.email })}</span>}
            className="settings-card"
          >
            <Typography.Paragraph type="secondary">{t('notificationSettings.emailHint')}</Typography.Paragraph>
            <ul className="plain-list settings-kinds">
              {kinds.map((k) => (
                <li key={k}>
                  <label className="settings-kind" htmlFor={`email-${k}`}>
                    <span>
                      <span className="settings-kind-label">{t(`emailKinds.${k}.label`)}</span>
                      <span className="settings-kind-desc">{t(`emailKinds.${k}.description`)}</span>
                    </span>
                    <Form.Item name={['email', k]} valuePropName="checked" noStyle>
                      <Switch id={`email-${k}`} data-testid={`email-${k}`} />
                    </Form.Item>
                  </label>
                </li>
              ))}
            </ul>
            <div className="settings-always">
              <SafetyCertificateOutlined />
              <span>
                <b>{t('notificationSettings.alwaysTitle')}</b>
                {t('notificationSettings.alwaysText')}
              </span>
            </div>
          </Card>
          <Flex justify="flex-end" className="settings-actions">
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              {t('notificationSettings.save')}
            </Button>
          </Flex>
        </Form>
      )}
    </>
  );
}

function toValues(s: NotificationSettings, kinds: UserEmailKind[]): Values {
  return { locale: s.locale, email: Object.fromEntries(kinds.map((k) => [k, s.email[k] ?? true])) };
}
