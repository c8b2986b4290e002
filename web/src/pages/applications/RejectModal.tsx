import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DecisionInput, type Application } from '../../../../shared/schemas/accounts';
import { useDecideApplication } from '../../api/applications';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { applyServerErrors, zodRule } from '../../forms/zod';

/** Rejecting needs a reason: the applicant reads it in the email and on its status page. */
export function RejectModal({ application, onClose }: { application: Application | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const decide = useDecideApplication();
  const [form] = Form.useForm<{ reason: string }>();
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (!application) return;
    form.resetFields();
    setProblems([]);
  }, [application, form]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!application) return;
    setProblems([]);
    try {
      await decide.mutateAsync({ id: application.id, decision: 'reject', reason: reason.trim() });
      message.success(t('applications.rejected'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Modal
      open={application !== null}
      title={application && t('applications.rejectTitle', { name: application.name })}
      okText={t('actions.reject')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'reject-confirm' } as object) }}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('applications.rejectHint')}</Typography.Paragraph>
      <ProblemsAlert problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('fields.reason')}
          rules={[{ required: true, whitespace: true, message: t('applications.reasonRequired') }, zodRule(DecisionInput.shape.reason)]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('applications.reasonPlaceholder')} data-testid="reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
