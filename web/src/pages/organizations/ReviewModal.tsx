import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/schemas/organizations';
import { useDescribeError } from '../../api/describe';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useReviewOrganization } from '../../api/organizations';

export type ReviewTarget = { org: Organization; action: 'reject' | 'suspend' };

/** Reject or suspend an organization, with an optional reason, after a confirmation. */
export function ReviewModal({ target, onClose }: { target: ReviewTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const review = useReviewOrganization();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setReason('');
    setProblem(null);
  }, [target]);

  const confirm = async () => {
    if (!target) return;
    try {
      await review.mutateAsync({ id: target.org.id, action: target.action, reason: reason.trim() || undefined });
      message.success(t(target.action === 'reject' ? 'organizations.rejected' : 'organizations.suspended'));
      onClose();
    } catch (e) {
      setProblem(describe(e));
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target && t(target.action === 'reject' ? 'organizations.rejectTitle' : 'organizations.suspendTitle', { name: target.org.name })}
      okText={target && t(target.action === 'reject' ? 'actions.reject' : 'actions.suspend')}
      okButtonProps={{ danger: true, loading: review.isPending, ...({ 'data-testid': 'review-confirm' } as object) }}
      onOk={confirm}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {target && t(target.action === 'reject' ? 'organizations.rejectHint' : 'organizations.suspendHint')}
      </Typography.Paragraph>
      <ProblemsAlert problems={problem ? [problem] : []} />
      <Form layout="vertical">
        <Form.Item label={t('fields.reason')} extra={t('common.optional')}>
          <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
