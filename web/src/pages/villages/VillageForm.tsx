import { App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VILLAGE_NEEDS, VillageInput, VillagePatch, type Village } from '../../../../shared/schemas/villages';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { fromIsoDate, toIsoDate } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { useSaveVillage } from '../../api/villages';

type Values = Omit<VillageInput, 'registeredOn'> & { registeredOn?: Dayjs };
const F = VillageInput.shape;

/** Register or edit a village; the shared schema's messages show next to the fields. */
export function VillageForm({ open, village, onClose }: { open: boolean; village: Village | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const describe = useDescribeError();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const save = useSaveVillage();
  const key = useMemo(() => (open ? idempotencyKey() : ''), [open]);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    if (village) form.setFieldsValue({ ...village, registeredOn: fromIsoDate(village.registeredOn) });
  }, [open, village, form]);

  const submit = async (values: Values) => {
    const raw = { ...compact(values), needs: values.needs ?? [], supervised: !!values.supervised, registeredOn: toIsoDate(values.registeredOn) };
    const parsed = parseWith(form, village ? VillagePatch : VillageInput, raw);
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      await save.mutateAsync({ id: village?.id, input: parsed.data, key });
      message.success(t(village ? 'villages.updated' : 'villages.created'));
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 600}
      title={t(village ? 'villages.editTitle' : 'villages.createTitle')}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="village-save">
            {t('actions.save')}
          </Button>
        </div>
      }
    >
      <ProblemsAlert problems={problems} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ status: 'unlifted', supervised: false, needs: [] }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('fields.name')} rules={[zodRule(F.name)]} required>
              <Input data-testid="village-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="township" label={t('fields.township')} rules={[zodRule(F.township)]} required>
              <Input data-testid="village-form-township" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="county" label={t('fields.county')} rules={[zodRule(F.county)]} required>
              <Input data-testid="village-form-county" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="registeredOn" label={t('fields.registeredOn')} extra={t('villages.registeredOnHint')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="households" label={t('fields.households')} rules={[zodRule(F.households)]} required>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="population" label={t('fields.population')} rules={[zodRule(F.population)]} required>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="poorHouseholds" label={t('fields.poorHouseholdsShort')} rules={[zodRule(F.poorHouseholds)]} required>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('fields.status')}>
              <Radio.Group optionType="button" options={(['unlifted', 'lifted'] as const).map((s) => ({ value: s, label: t(`villageStatus.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="supervised" label={t('fields.supervised')} valuePropName="checked" extra={t('villages.supervisedHint')}>
              <Switch data-testid="village-form-supervised" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="needs" label={t('fields.needs')}>
              <Checkbox.Group options={VILLAGE_NEEDS.map((n) => ({ value: n, label: t(`needs.${n}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t('fields.contactName')} rules={[zodRule(F.contactName)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t('fields.contactPhone')} rules={[zodRule(F.contactPhone)]}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
