import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Need } from '../../../../shared/schemas/needs';
import { api, call, idempotencyKey } from '../../api/client';
import { RuleViolation } from '../../components/RuleViolation';

/** POST /api/needs/:id/close (bureau): the need closed as met with a reason, though the pledges do not cover it. */
function useCloseNeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string; key: string }): Promise<Need> =>
      call(api.needs[':id'].close.$post({ param: { id: v.id }, json: { reason: v.reason } }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => Promise.all(['needs', 'needs-summary', 'dashboard'].map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}

export function CloseNeedModal({ need, onClose }: { need: Need | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const close = useCloseNeed();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const needId = need?.id;
  const key = useMemo(() => (needId ? idempotencyKey() : ''), [needId]);
  useEffect(() => {
    if (!needId) return;
    setReason('');
    setMissing(false);
    setError(null);
  }, [needId]);
  const submit = async () => {
    if (!need) return;
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setError(null);
    try {
      await close.mutateAsync({ id: need.id, reason: reason.trim(), key });
      message.success(t('needsBoard.closed'));
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  const unit = need?.unit ?? '';
  return (
    <Modal
      open={need !== null}
      title={need && t('needsBoard.closeTitle', { title: need.title })}
      okText={t('needsBoard.close')}
      okButtonProps={{ loading: close.isPending, ...({ 'data-testid': 'need-close-confirm' } as object) }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {need &&
          (need.quantity !== null ? t('needsBoard.closeText', { pledged: need.pledgedQuantity, total: need.quantity, unit }) : t('needsBoard.closeTextNoQty'))}
      </Typography.Paragraph>
      <RuleViolation error={error} />
      <Form layout="vertical">
        <Form.Item
          label={t('needsBoard.closeReason')}
          required
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t('needsBoard.closeReasonRequired') : undefined}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
            data-testid="need-close-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
