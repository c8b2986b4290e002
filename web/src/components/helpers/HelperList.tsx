import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HelperInput, type Helper } from '../../../../shared/schemas/helpers';
import { useDescribeError } from '../../api/describe';
import { useAddHelper, useEditHelper, useHelpers } from '../../api/helpers';
import { applyServerErrors, compact, parseWith, zodRule } from '../../forms/zod';
import { ErrorResult } from '../ErrorResult';
import { ProblemsAlert } from '../ProblemsAlert';

type Values = { name?: string; role?: string; phone?: string };
const F = HelperInput.shape;

/**
 * An organization's helpers (帮扶责任人 / 帮扶队员): add, edit, take off or back on. Only the bureau
 * and the organization's own members reach this list, so the phone shows in full here.
 */
export function HelperList({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const helpers = useHelpers(organizationId);
  const add = useAddHelper();
  const edit = useEditHelper();
  const [editing, setEditing] = useState<Helper | 'new' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [form] = Form.useForm<Values>();

  const open = (h: Helper | 'new') => {
    setEditing(h);
    setProblems([]);
    form.resetFields();
    if (h !== 'new') form.setFieldsValue({ name: h.name, role: h.role, phone: h.phone });
    else form.setFieldsValue({ role: t('helpers.defaultRole') });
  };

  const submit = async (v: Values) => {
    const parsed = parseWith(form, HelperInput, compact(v));
    setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok || !editing) return;
    try {
      if (editing === 'new') await add.mutateAsync({ organizationId, input: parsed.data });
      else await edit.mutateAsync({ id: editing.id, patch: { ...parsed.data, phone: parsed.data.phone ?? null } });
      message.success(t('helpers.saved'));
      setEditing(null);
    } catch (e) {
      setProblems(applyServerErrors(form, e, describe));
    }
  };

  const setActive = async (h: Helper, active: boolean) => {
    try {
      await edit.mutateAsync({ id: h.id, patch: { active } });
      message.success(t(active ? 'helpers.reactivated' : 'helpers.deactivated'));
    } catch (e) {
      message.error(describe(e));
    }
  };

  if (helpers.isError) return <ErrorResult error={helpers.error} onRetry={() => void helpers.refetch()} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => open('new')} data-testid="helper-add">
          {t('helpers.add')}
        </Button>
      </Space>
      <Table<Helper>
        rowKey="id"
        size="small"
        loading={helpers.isPending}
        dataSource={helpers.data ?? []}
        pagination={false}
        data-testid="helper-list"
        locale={{ emptyText: t('helpers.none') }}
        columns={[
          { title: t('helpers.name'), dataIndex: 'name' },
          { title: t('helpers.role'), dataIndex: 'role' },
          { title: t('helpers.phone'), dataIndex: 'phone', render: (p?: string) => p ?? '—' },
          {
            title: t('fields.status'),
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">{t('helpers.active')}</Tag> : <Tag>{t('helpers.inactive')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, h) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => open(h)}>
                  {t('actions.edit')}
                </Button>
                {h.active ? (
                  <Popconfirm title={t('helpers.deactivateConfirm', { name: h.name })} onConfirm={() => void setActive(h, false)}>
                    <Button type="link" size="small" danger>
                      {t('helpers.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => void setActive(h, true)}>
                    {t('helpers.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('helpers.add') : t('helpers.edit')}
        okText={t('actions.save')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        okButtonProps={{ loading: add.isPending || edit.isPending, ...({ 'data-testid': 'helper-save' } as object) }}
        destroyOnHidden
      >
        <ProblemsAlert problems={problems} />
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="name" label={t('helpers.name')} rules={[zodRule(F.name)]} required>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="role" label={t('helpers.role')} rules={[zodRule(F.role)]} required>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t('helpers.phone')} rules={[zodRule(F.phone)]}>
            <Input maxLength={11} inputMode="numeric" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
