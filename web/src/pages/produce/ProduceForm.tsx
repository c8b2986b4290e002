import { Alert, App, Button, Col, DatePicker, Divider, Drawer, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCE_CATEGORIES, ProduceInput, ProducePatch } from '../../../../shared/schemas/produce';
import { idempotencyKey } from '../../api/client';
import { useDescribeError } from '../../api/describe';
import { useProduce, useSaveProduce, type VillageOption } from '../../api/produce';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { YuanInput } from '../../components/YuanInput';
import { applyServerErrors, parseWith, zodRule } from '../../forms/zod';
import { useIsPhone } from '../../lib/use-is-phone';
import { A, F, PATHS, priceRule, toRaw, toValues, type Values } from './produce-form-values';
import { ProducePhotos } from './ProducePhotos';

/** Create or edit a listing: price typed in yuan and sent as integer fen; adoption terms when it is 认养. */
export function ProduceForm({
  open,
  id,
  villages,
  onCreated,
  onClose,
}: {
  open: boolean;
  id: string | null;
  villages: VillageOption[];
  onCreated: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const isPhone = useIsPhone();
  const describe = useDescribeError();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const existing = useProduce(open ? id : null);
  const save = useSaveProduce();
  const key = useMemo(() => (open && !id ? idempotencyKey() : ''), [open, id]);
  const kind = Form.useWatch('kind', form);
  const current = id ? existing.data : undefined;

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    if (!id) {
      form.resetFields();
      if (villages.length === 1) form.setFieldValue('villageId', villages[0].id);
    }
  }, [open, id, form, villages]);

  useEffect(() => {
    if (open && current) form.setFieldsValue(toValues(current));
  }, [open, current, form]);

  const submit = async (v: Values) => {
    const raw = toRaw(v, current, !id);
    const parsed = id ? parseWith(form, ProducePatch, raw, PATHS) : parseWith(form, ProduceInput, raw, PATHS);
    if (!parsed.ok) return setProblems(parsed.problems);
    setProblems([]);
    try {
      const saved = await save.mutateAsync({ id: id ?? undefined, input: parsed.data, key });
      if (id) {
        message.success(t('produce.saved', { name: saved.name }));
        onClose();
      } else {
        message.success(t('produce.createdDraft', { name: saved.name }));
        onCreated(saved.id);
      }
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe, PATHS));
    }
  };

  const noVillages = me.role === 'org_member' && villages.length === 0;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={id ? t('produce.editTitle', { name: current?.name ?? '' }) : t('produce.createTitle')}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} disabled={!id && noVillages} data-testid="produce-save">
            {id ? t('actions.save') : t('produce.saveDraft')}
          </Button>
        </div>
      }
      data-testid="produce-form"
    >
      {id && existing.isError && <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />}
      {id && existing.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {noVillages && !id && (
        <Alert type="warning" showIcon className="form-alert" title={t('produce.noPairedVillages')} description={t('produce.noPairedVillagesHint')} />
      )}
      <ProblemsAlert problems={problems} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'product', originKind: 'cooperative' }}
        style={id && !current ? { display: 'none' } : undefined}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="villageId"
              label={t('fields.village')}
              required
              rules={[{ required: !id, message: t('produce.villageRequired') }]}
              extra={me.role === 'org_member' ? t('produce.villageHint') : undefined}
            >
              <Select
                disabled={!!id}
                showSearch={{ optionFilterProp: 'label' }}
                options={villages.map((v) => ({
                  value: v.id,
                  label: v.township ? t('produce.villageOption', { name: v.name, township: v.township }) : v.name,
                }))}
                placeholder={t('produce.villagePlaceholder')}
                data-testid="produce-form-village"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('produce.kind')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={(['product', 'adoption'] as const).map((k) => ({ value: k, label: t(`produceKind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('produce.name')} required rules={[zodRule(F.name)]}>
              <Input
                maxLength={60}
                showCount
                placeholder={t(kind === 'adoption' ? 'produce.namePlaceholderAdoption' : 'produce.namePlaceholder')}
                data-testid="produce-form-name"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('produce.category')} required rules={[{ required: true, message: t('produce.categoryRequired') }]}>
              <Select
                options={PRODUCE_CATEGORIES.map((c) => ({ value: c, label: t(`produceCategory.${c}`) }))}
                placeholder={t('produce.categoryPlaceholder')}
                data-testid="produce-form-category"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="priceYuan"
              label={t('produce.priceYuan')}
              required
              validateFirst
              rules={[{ required: true, message: t('produce.priceRequired') }, priceRule]}
            >
              <YuanInput data-testid="produce-form-price" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="unit" label={t('produce.unit')} required rules={[zodRule(F.unit)]}>
              <Input maxLength={10} placeholder={t('produce.unitPlaceholder')} data-testid="produce-form-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="stock"
              label={t('produce.stock')}
              required
              validateFirst
              rules={[{ required: true, message: t('produce.stockRequired') }, zodRule(F.stock)]}
              extra={current ? t('produce.stockHint', { sold: current.sold, available: current.available }) : undefined}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="produce-form-stock" />
            </Form.Item>
          </Col>
          {kind === 'adoption' && (
            <>
              <Col span={24}>
                <Divider titlePlacement="start" plain className="form-divider">
                  {t('produce.adoptionSection')}
                </Divider>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="adoptionSubject" label={t('produce.adoptionSubject')} required rules={[zodRule(A.subject)]}>
                  <Input maxLength={100} placeholder={t('produce.adoptionSubjectPlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="season" label={t('produce.adoptionSeason')} required rules={[{ required: true, message: t('produce.seasonRequired') }]}>
                  <DatePicker.RangePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="adoptionReturns" label={t('produce.adoptionReturns')} required rules={[zodRule(A.returns)]}>
                  <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('produce.adoptionReturnsPlaceholder')} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Divider titlePlacement="start" plain className="form-divider">
              {t('produce.originSection')}
            </Divider>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="originKind" label={t('produce.originKind')}>
              <Radio.Group options={(['cooperative', 'household'] as const).map((k) => ({ value: k, label: t(`originKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="originName" label={t('produce.originName')} extra={t('produce.originHint')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="certificationNo" label={t('produce.certificationNo')} extra={t('common.optional')} rules={[zodRule(F.certificationNo)]}>
              <Input maxLength={50} className="mono" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('produce.description')}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('produce.descriptionPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {(!id || current) && (
        <>
          <Divider titlePlacement="start" plain className="form-divider">
            {t('produce.photosSection')}
          </Divider>
          {current ? <ProducePhotos produce={current} /> : <Typography.Text type="secondary">{t('produce.photosAfterSave')}</Typography.Text>}
        </>
      )}
    </Drawer>
  );
}
