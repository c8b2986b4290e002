import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STORY_BODY_MAX, STORY_SUMMARY_MAX, STORY_TITLE_MAX, StoryInput, type Story } from '../../../../shared/schemas/stories';
import { api, call } from '../../api/client';
import { idempotencyKey } from '../../api/client-key';
import { useDescribeError } from '../../api/describe';
import { useSaveStory, useStory } from '../../api/stories';
import { RuleViolation } from '../../components/RuleViolation';
import { applyServerErrors, parseWith } from '../../forms/zod';
import { MAX_STORY_PHOTOS, StoryPhotos } from './StoryPhotos';

type Values = {
  title?: string;
  summary?: string;
  body?: string;
  published?: boolean;
  villageIds?: string[];
  organizationIds?: string[];
  pairingIds?: string[];
};

/** The server's and the schema's paths, as this form's fields (`villageIds.1` → the villages picker). */
const PATHS = { status: 'published' };

/** Write (story null) or change a story (典型经验): the plain-text body, its villages, organizations and pairings, published or a draft. */
export function StoryModal({ open, story, onClose }: { open: boolean; story: Story | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const save = useSaveStory();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const key = useRef(idempotencyKey());
  // the photos as they are now: a removal or an upload here refreshes them, the form keeps what is typed
  const live = useStory(open ? story?.id : undefined);
  const photoIds = live.data?.photoIds ?? story?.photoIds ?? [];
  const villages = useQuery({
    queryKey: ['villages', 'all-for-story'],
    queryFn: () => call(api.villages.$get({ query: { limit: '100' } })),
    enabled: open,
  });
  const organizations = useQuery({
    queryKey: ['organizations', 'approved-for-story'],
    queryFn: () => call(api.organizations.$get({ query: { status: 'approved', limit: '100' } })),
    enabled: open,
  });
  const pairings = useQuery({
    queryKey: ['pairings', 'all-for-story'],
    queryFn: () => call(api.pairings.$get({ query: { limit: '100' } })),
    enabled: open,
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    key.current = idempotencyKey();
    form.resetFields();
    if (story) {
      form.setFieldsValue({
        title: story.title,
        summary: story.summary,
        body: story.body,
        published: story.status === 'published',
        villageIds: story.villageIds,
        organizationIds: story.organizationIds,
        pairingIds: story.pairingIds,
      });
    }
  }, [open, story, form]);

  const submit = async (v: Values) => {
    const parsed = parseWith(
      form,
      StoryInput,
      {
        title: v.title,
        summary: v.summary,
        body: v.body,
        status: v.published ? 'published' : 'draft',
        villageIds: v.villageIds ?? [],
        organizationIds: v.organizationIds ?? [],
        pairingIds: v.pairingIds ?? [],
      },
      PATHS,
    );
    if (!parsed.ok) return;
    setError(null);
    try {
      await save.mutateAsync({ id: story?.id, input: parsed.data, key: key.current });
      message.success(t('storiesAdmin.saved'));
      onClose();
    } catch (e) {
      applyServerErrors(form, e, describe, PATHS);
      setError(e);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={story ? t('storiesAdmin.editTitle', { title: story.title }) : t('storiesAdmin.createTitle')}
      okText={t('actions.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'story-save' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <RuleViolation error={error} refusedTitle={t('errors.actionFailed')} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('storiesAdmin.name')} required>
          <Input maxLength={STORY_TITLE_MAX} showCount data-testid="story-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('storiesAdmin.summary')} required>
          <Input.TextArea rows={2} maxLength={STORY_SUMMARY_MAX} showCount data-testid="story-summary" />
        </Form.Item>
        <Form.Item name="body" label={t('storiesAdmin.body')} extra={t('storiesAdmin.bodyHint')} required>
          <Input.TextArea rows={8} maxLength={STORY_BODY_MAX} showCount data-testid="story-body" />
        </Form.Item>
        <Form.Item name="villageIds" label={t('storiesAdmin.villages')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={villages.isPending}
            options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.township}）` }))}
            data-testid="story-villages"
          />
        </Form.Item>
        <Form.Item name="organizationIds" label={t('storiesAdmin.organizations')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={organizations.isPending}
            options={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="pairingIds" label={t('storiesAdmin.pairings')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={pairings.isPending}
            options={(pairings.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.organizationName} — ${p.villageName}` }))}
          />
        </Form.Item>
        <Form.Item name="published" label={t('storiesAdmin.publishNow')} valuePropName="checked">
          <Switch data-testid="story-published" />
        </Form.Item>
      </Form>
      <div className="story-modal-photos" data-testid="story-modal-photos">
        <Typography.Text strong>
          {t('storiesAdmin.photos')}
          {story && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
              {photoIds.length}/{MAX_STORY_PHOTOS}
            </Typography.Text>
          )}
        </Typography.Text>
        {story ? (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 12px' }}>
              {t(story.status === 'published' ? 'storiesAdmin.photosPublicHint' : 'storiesAdmin.photosDraftHint')}
            </Typography.Paragraph>
            <StoryPhotos storyId={story.id} photoIds={photoIds} editable size={88} />
          </>
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('storiesAdmin.photosAfterSave')}
          </Typography.Paragraph>
        )}
      </div>
    </Modal>
  );
}
