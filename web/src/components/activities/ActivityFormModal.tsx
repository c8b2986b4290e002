import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Upload, type UploadFile } from 'antd';
import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_MODES, ACTIVITY_TYPES, ActivityInput, Participants } from '../../../../shared/schemas/activities';
import { MAX_PHOTOS, PHOTO_TYPES } from '../../../../shared/schemas/produce';
import { DEFAULT_MIN_VISIT_TEAM_SIZE } from '../../../../shared/tenant-defaults';
import { uploadActivityPhoto, useHelpers } from '../../api/helpers';
import type { Pairing } from '../../../../shared/schemas/pairings';
import { api, call, idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { invalidate } from '../../api/invalidate';
import { applyServerErrors, parseWith, zodRule } from '../../forms/zod';
import { toIsoDate } from '../../lib/dates';
import { useTenantToday } from '../../lib/use-tenant-today';
import { yuanToFen } from '../../lib/money';
import { ProblemsAlert } from '../ProblemsAlert';
import { YuanInput } from '../YuanInput';

type Values = {
  date?: Dayjs;
  type?: string;
  peopleReached?: number;
  amountYuan?: string;
  goodsYuan?: string;
  description?: string;
  headcount?: number;
  helperIds?: string[];
  mode?: string;
};
const PATHS = { amountFen: 'amountYuan', goodsFen: 'goodsYuan', 'participants.headcount': 'headcount', 'participants.helperIds': 'helperIds' };
const F = ActivityInput.shape;

/**
 * Log a help activity (帮扶活动) on an active pairing: money and goods typed in yuan, sent as fen; who
 * went (a headcount and the organization's helpers by name), in person or remote, and up to 9 photos
 * (uploaded one by one once the activity is saved: a photo needs the activity's id).
 */
export function ActivityFormModal({ pairing, onClose }: { pairing: Pairing | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const today = useTenantToday();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const helpers = useHelpers(pairing?.organizationId);
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call(api.settings.$get()), enabled: pairing !== null });
  const minTeam = settings.data?.minVisitTeamSize ?? DEFAULT_MIN_VISIT_TEAM_SIZE;
  const type = Form.useWatch('type', form);
  const key = useMemo(() => (pairing ? idempotencyKey() : ''), [pairing]);
  const log = useMutation({
    mutationFn: (v: { id: string; input: ActivityInput }) =>
      call(api.pairings[':id'].activities.$post({ param: { id: v.id }, json: v.input }, { headers: { 'Idempotency-Key': key } })),
    onSuccess: () => invalidate(queryClient, 'activities', 'pairings'),
  });

  useEffect(() => {
    if (!pairing) return;
    form.resetFields();
    form.setFieldsValue({ date: today, type: 'visit', mode: 'in_person' });
    setProblems([]);
    setPhotos([]);
  }, [pairing, form, today]);

  const submit = async (v: Values) => {
    if (!pairing) return;
    const raw = {
      date: toIsoDate(v.date),
      type: v.type,
      peopleReached: v.peopleReached ?? undefined,
      amountFen: yuanToFen(v.amountYuan),
      goodsFen: yuanToFen(v.goodsYuan),
      description: v.description,
      mode: v.mode,
      ...(v.headcount || v.helperIds?.length ? { participants: { headcount: v.headcount, ...(v.helperIds?.length ? { helperIds: v.helperIds } : {}) } } : {}),
    };
    const parsed = parseWith(form, ActivityInput, raw, PATHS);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    try {
      const saved = await log.mutateAsync({ id: pairing.id, input: parsed.data });
      for (const p of photos) {
        try {
          if (p.originFileObj) await uploadActivityPhoto(saved.id, p.originFileObj);
        } catch (e) {
          message.error(t('activities.photoFailed', { reason: describe(e) }));
        }
      }
      if (photos.length) await invalidate(queryClient, 'activities');
      message.success(t('activities.logged'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe, PATHS));
    }
  };

  return (
    <Modal
      open={pairing !== null}
      title={pairing && t('activities.formTitle', { village: pairing.villageName })}
      okText={t('actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: log.isPending, ...({ 'data-testid': 'activity-save' } as object) }}
      destroyOnHidden
      width={640}
    >
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="date" label={t('fields.date')} required rules={[{ required: true, message: t('activities.dateRequired') }]}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(today, 'day') || (!!pairing?.startDate && d.isBefore(dayjs(pairing.startDate), 'day'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={t('fields.type')} required>
              <Select options={ACTIVITY_TYPES.map((a) => ({ value: a, label: t(`activityType.${a}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="peopleReached" label={t('fields.peopleReached')} rules={[zodRule(F.peopleReached)]} required>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="amountYuan" label={t('activities.amountYuan')}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="goodsYuan" label={t('activities.goodsYuan')}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="headcount"
              label={t('activities.headcount')}
              extra={type === 'visit' ? t('activities.headcountHint', { n: minTeam }) : undefined}
              required={type === 'visit'}
              rules={type === 'visit' ? [zodRule(Participants.shape.headcount)] : []}
            >
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} data-testid="activity-headcount" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={16}>
            <Form.Item name="mode" label={t('activities.mode')}>
              <Radio.Group optionType="button" options={ACTIVITY_MODES.map((m) => ({ value: m, label: t(`activities.modes.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="helperIds" label={t('activities.participants')}>
              <Select
                mode="multiple"
                allowClear
                loading={helpers.isPending}
                placeholder={t('activities.participantsPlaceholder')}
                options={(helpers.data ?? []).filter((h) => h.active).map((h) => ({ value: h.id, label: `${h.name}（${h.role}）` }))}
                data-testid="activity-helpers"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('fields.description')} rules={[zodRule(F.description)]} required>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('activities.descriptionPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('activities.photos')} extra={t('activities.photosHint', { n: MAX_PHOTOS })}>
              <Upload
                accept={PHOTO_TYPES.join(',')}
                listType="picture"
                multiple
                maxCount={MAX_PHOTOS}
                fileList={photos}
                beforeUpload={() => false}
                onChange={({ fileList }) => setPhotos(fileList.slice(0, MAX_PHOTOS))}
              >
                <Button icon={<UploadOutlined />} disabled={photos.length >= MAX_PHOTOS}>
                  {t('activities.photos')}
                </Button>
              </Upload>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
