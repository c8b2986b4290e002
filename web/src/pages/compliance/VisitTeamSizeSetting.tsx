import { TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TenantSettings } from '../../../../shared/schemas/identity';
import { DEFAULT_MIN_VISIT_TEAM_SIZE } from '../../../../shared/tenant-defaults';
import { api, call } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { applyServerErrors, zodRule } from '../../forms/zod';

type Values = { minVisitTeamSize?: number | null };

/**
 * The tenant's setting rule 4 reads beside the quarter's visits: how many people a visit needs to
 * count (走访最少人数, 1–10, 2 unless set). Saved with PATCH /api/settings; the visits are asked again.
 */
export function VisitTeamSizeSetting() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call(api.settings.$get()) });
  const current = settings.data ? (settings.data.minVisitTeamSize ?? DEFAULT_MIN_VISIT_TEAM_SIZE) : undefined;
  const save = useMutation({
    mutationFn: (minVisitTeamSize: number) => call(api.settings.$patch({ json: { minVisitTeamSize } })),
    onSuccess: (saved) => {
      qc.setQueryData(['settings'], saved);
      return Promise.all([qc.invalidateQueries({ queryKey: ['visits'] }), qc.invalidateQueries({ queryKey: ['dashboard'] })]);
    },
  });

  useEffect(() => {
    if (current !== undefined) form.setFieldsValue({ minVisitTeamSize: current });
  }, [current, form]);

  const submit = async (v: Values) => {
    if (typeof v.minVisitTeamSize !== 'number') return;
    try {
      await save.mutateAsync(v.minVisitTeamSize);
      message.success(t('visitTeam.saved', { n: v.minVisitTeamSize }));
    } catch (e) {
      applyServerErrors(form, e, describe);
    }
  };

  if (settings.isPending) return <Skeleton.Input active size="small" style={{ width: 320 }} />;
  if (settings.isError) return null;
  return (
    <div className="visit-team-setting" data-testid="visit-team-setting">
      <Form<Values> form={form} layout="inline" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="minVisitTeamSize"
          label={
            <span>
              <TeamOutlined style={{ marginRight: 6 }} />
              {t('visitTeam.label')}
            </span>
          }
          rules={[{ required: true, message: t('visitTeam.required') }, zodRule(TenantSettings.shape.minVisitTeamSize)]}
        >
          <InputNumber min={1} max={10} precision={0} suffix={t('visitTeam.unit')} style={{ width: 110 }} data-testid="min-visit-team-size" />
        </Form.Item>
        <Form.Item shouldUpdate noStyle>
          {() => (
            <Button htmlType="submit" loading={save.isPending} disabled={form.getFieldValue('minVisitTeamSize') === current} data-testid="min-visit-team-save">
              {t('actions.save')}
            </Button>
          )}
        </Form.Item>
      </Form>
      <Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13, marginTop: 6 }}>
          {t('visitTeam.help')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
