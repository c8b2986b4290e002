import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Modal, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, idempotencyKey } from '../../api/client';
import { invalidate, PAIRING_TOPICS } from '../../api/invalidate';
import { useVillage } from '../../api/villages';
import { NeedTags } from '../../components/status-tags';
import { RuleViolation } from '../../components/RuleViolation';

type Values = { organizationId?: string; approveNow: boolean };

/**
 * 去结对 from the dashboard: the bureau pairs an uncovered village with an approved organization —
 * a claim in the organization's name, approved at once unless the bureau leaves it for review.
 */
export function BureauClaimModal({ villageId, onClose }: { villageId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const village = useVillage(villageId);
  const orgs = useQuery({
    queryKey: ['organizations', 'approved', 'all'],
    queryFn: () => call(api.organizations.$get({ query: { status: 'approved', limit: '100' } })),
    enabled: villageId !== null,
  });
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const key = useMemo(() => (villageId ? idempotencyKey() : ''), [villageId]);
  useEffect(() => {
    if (villageId) {
      setError(null);
      form.setFieldsValue({ organizationId: undefined, approveNow: true });
    }
  }, [villageId, form]);

  const pair = useMutation({
    mutationFn: async (v: { villageId: string; organizationId: string; approveNow: boolean }) => {
      const claim = await call(
        api.pairings.$post({ json: { villageId: v.villageId, organizationId: v.organizationId } }, { headers: { 'Idempotency-Key': key } }),
      );
      if (!v.approveNow) return claim;
      return call(api.pairings[':id'].approve.$post({ param: { id: claim.id }, json: {} }));
    },
    onSettled: () => invalidate(queryClient, ...PAIRING_TOPICS),
  });

  const submit = async (v: Values) => {
    if (!villageId || !v.organizationId) return;
    setError(null);
    try {
      const p = await pair.mutateAsync({ villageId, organizationId: v.organizationId, approveNow: v.approveNow });
      message.success(
        p.status === 'active'
          ? t('bureauClaim.done', { village: p.villageName, org: p.organizationName })
          : t('bureauClaim.pendingDone', { village: p.villageName }),
      );
      onClose();
    } catch (e) {
      setError(e);
    }
  };

  const v = village.data;
  return (
    <Modal
      open={villageId !== null}
      title={t('bureauClaim.title', { village: v?.name ?? '' })}
      okText={t('bureauClaim.submit')}
      okButtonProps={{ loading: pair.isPending, disabled: !v, ...({ 'data-testid': 'bureau-claim-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {village.isPending ? (
        <Skeleton active />
      ) : !v ? (
        <Alert type="error" showIcon title={t('bureauClaim.pickVillage')} />
      ) : (
        <>
          <div className="claim-summary" data-testid="bureau-claim-village">
            <Typography.Text strong>{v.name}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              · {v.township} · {t('claim.poor', { poor: v.poorHouseholds, households: v.households })}
            </Typography.Text>
            <div>
              <NeedTags needs={v.needs} />
            </div>
          </div>
          <RuleViolation error={error} />
          <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ approveNow: true }}>
            <Form.Item name="organizationId" label={t('bureauClaim.organization')} rules={[{ required: true, message: t('bureauClaim.organizationRequired') }]}>
              <Select
                data-testid="bureau-claim-org"
                placeholder={t('bureauClaim.organizationPlaceholder')}
                showSearch={{ optionFilterProp: 'label' }}
                loading={orgs.isPending}
                options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
            <Form.Item name="approveNow" valuePropName="checked">
              <Checkbox data-testid="bureau-claim-approve">{t('bureauClaim.approveNow')}</Checkbox>
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
