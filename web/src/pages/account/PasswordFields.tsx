import { LockOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { NewPassword } from '../../../../shared/schemas/accounts';
import { zodRule } from '../../forms/zod';

export type PasswordValues = { password: string; confirm: string };

/**
 * A new password twice: the shared rule (≥ 10 characters), not the account's email when it is
 * known here (the server checks it too), and the same both times.
 */
export function PasswordFields({ email, label }: { email?: string; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="password"
        label={label}
        extra={t('password.passwordHint')}
        rules={[
          zodRule(NewPassword),
          {
            validator: async (_, value: unknown) => {
              if (email && typeof value === 'string' && value.trim().toLowerCase() === email.toLowerCase()) throw new Error(t('password.sameAsEmail'));
            },
          },
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" placeholder={t('password.passwordPlaceholder')} data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, value: unknown) => {
              if (value && value !== getFieldValue('password')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" placeholder={t('password.confirmPlaceholder')} data-testid="confirm-password" />
      </Form.Item>
    </>
  );
}
