import { CopyOutlined, DownloadOutlined, LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TotpCode, type TotpEnrolment as Enrolment } from '../../../../shared/schemas/mfa';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, zodRule } from '../../forms/zod';
import { useConfirmTotp, useEnrolmentDone, useStartTotp } from './mfa-api';

/**
 * Turning two-step verification on, in three steps: the password again; the QR code (and the key
 * to type by hand) with the app's first code; the recovery codes, shown once, to copy or download.
 */
export function TotpEnrolment({ email, onDone, onCancel }: { email: string; onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [passwordForm] = Form.useForm<{ password: string }>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const step = codes ? 2 : enrolment ? 1 : 0;

  const begin = async ({ password }: { password: string }) => {
    setProblems([]);
    try {
      setEnrolment(await start.mutateAsync(password));
    } catch (e) {
      setProblems(applyServerErrors(passwordForm, e, describe));
    }
  };

  const finish = async ({ code }: { code: string }) => {
    setProblems([]);
    try {
      setCodes((await confirm.mutateAsync(code.trim())).recoveryCodes);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // the start expired (or was replaced elsewhere): from the password again
        setEnrolment(null);
        setProblems([t('mfa.expired')]);
      } else setProblems(applyServerErrors(codeForm, e, describe));
    }
  };

  return (
    <div className="mfa-enrolment" data-testid="mfa-enrolment">
      <Steps size="small" current={step} items={[{ title: t('mfa.step1') }, { title: t('mfa.step2') }, { title: t('mfa.step3') }]} className="mfa-steps" />
      <ProblemsAlert problems={problems} />
      {step === 0 && (
        <Form form={passwordForm} layout="vertical" onFinish={begin} requiredMark={false}>
          <Typography.Paragraph type="secondary">{t('mfa.passwordHint')}</Typography.Paragraph>
          <Form.Item name="password" label={t('mfa.password')} rules={[{ required: true, message: t('signIn.passwordPlaceholder') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="mfa-password" />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="mfa-start">
              {t('mfa.next')}
            </Button>
            {onCancel && <Button onClick={onCancel}>{t('mfa.cancel')}</Button>}
          </Flex>
        </Form>
      )}
      {step === 1 && enrolment && (
        <Flex gap={24} wrap align="flex-start">
          <div className="mfa-qr">{enrolment.qrPng && <img src={enrolment.qrPng} alt={t('mfa.qrAlt')} width={200} height={200} data-testid="mfa-qr" />}</div>
          <div className="mfa-scan">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('mfa.scan')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('mfa.manual')}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: enrolment.secret, tooltips: [t('mfa.copySecret'), t('mfa.copied')] }}>
              <code className="mfa-secret" data-testid="mfa-secret" data-otpauth={enrolment.otpauthUri}>
                {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
              </code>
            </Typography.Paragraph>
            <Form form={codeForm} layout="vertical" onFinish={finish} requiredMark={false}>
              <Form.Item name="code" label={t('mfa.code')} rules={[zodRule(TotpCode)]}>
                <Input
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  placeholder={t('mfaSignIn.codePlaceholder')}
                  className="mfa-code-input"
                  data-testid="mfa-code"
                />
              </Form.Item>
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="mfa-confirm">
                  {t('mfa.confirm')}
                </Button>
                {onCancel && <Button onClick={onCancel}>{t('mfa.cancel')}</Button>}
              </Flex>
            </Form>
          </div>
        </Flex>
      )}
      {step === 2 && codes && <RecoveryCodes email={email} codes={codes} onDone={onDone} />}
    </div>
  );
}

/** The recovery codes, this once: a warning, copy, download, and a tick before leaving. */
function RecoveryCodes({ email, codes, onDone }: { email: string; codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [saved, setSaved] = useState(false);
  const enrolled = useEnrolmentDone();
  const text = [t('mfa.fileHeader', { email }), '', ...codes, ''].join('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('mfa.copied'));
    } catch {
      message.error(t('mfa.copyFailed'));
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'bangfu-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div>
      <Alert type="warning" showIcon title={t('mfa.codesTitle')} description={t('mfa.codesWarning')} className="form-alert" />
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <Flex gap={8} wrap className="recovery-actions">
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('mfa.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('mfa.download')}
        </Button>
      </Flex>
      <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="recovery-saved">
        {t('mfa.saved')}
      </Checkbox>
      <div className="recovery-done">
        <Button type="primary" disabled={!saved} onClick={() => void enrolled().then(onDone)} data-testid="mfa-done">
          {t('mfa.done')}
        </Button>
      </div>
    </div>
  );
}
