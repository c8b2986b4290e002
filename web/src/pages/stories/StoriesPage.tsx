import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story, StoryStatus } from '../../../../shared/schemas/stories';
import { useDescribeError } from '../../api/describe';
import { useSaveStory, useStories, useUploadStoryPhoto } from '../../api/stories';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { StoryModal } from './StoryModal';
import { MAX_STORY_PHOTOS as MAX_PHOTOS, PHOTO_TYPES as TYPES, StoryPhotos } from './StoryPhotos';

/** 典型经验: the bureau's stories, a form to write or change one, publish or take back, and its photos. */
export default function StoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const slug = useMe().tenant?.slug;
  const [status, setStatus] = useState<StoryStatus | 'all'>('all');
  const [editing, setEditing] = useState<Story | null | undefined>(undefined);
  const q = useStories(status === 'all' ? undefined : status);
  const save = useSaveStory();
  const upload = useUploadStoryPhoto();

  const toggle = async (s: Story, published: boolean) => {
    try {
      await save.mutateAsync({ id: s.id, input: { status: published ? 'published' : 'draft' }, key: '' });
      message.success(t(published ? 'storiesAdmin.publishedOk' : 'storiesAdmin.unpublishedOk'));
    } catch (e) {
      message.error(describe(e));
    }
  };

  const columns: ColumnsType<Story> = [
    {
      title: t('storiesAdmin.name'),
      key: 'title',
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{s.title}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
            {s.summary}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('storiesAdmin.status'),
      key: 'status',
      width: 170,
      render: (_, s) => (
        <Space>
          <Switch
            size="small"
            checked={s.status === 'published'}
            loading={save.isPending && save.variables?.id === s.id}
            onChange={(on) => void toggle(s, on)}
            data-testid={`story-toggle-${s.id}`}
          />
          <Tag color={s.status === 'published' ? 'green' : 'default'}>{t(s.status === 'published' ? 'storiesAdmin.published' : 'storiesAdmin.draft')}</Tag>
        </Space>
      ),
    },
    { title: t('storiesAdmin.publishedAt'), key: 'publishedAt', width: 120, render: (_, s) => s.publishedAt?.slice(0, 10) ?? '—' },
    {
      title: t('storiesAdmin.photos'),
      key: 'photos',
      width: 220,
      render: (_, s) => (s.photoIds.length ? <StoryPhotos storyId={s.id} photoIds={s.photoIds} /> : t('storiesAdmin.photoCount', { n: 0 })),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, s) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
            {t('storiesAdmin.edit')}
          </Button>
          <Upload
            accept={TYPES.join(',')}
            showUploadList={false}
            disabled={s.photoIds.length >= MAX_PHOTOS}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                onSuccess?.(await upload.mutateAsync({ id: s.id, file: file as File }));
                message.success(t('storiesAdmin.photoUploaded'));
              } catch (e) {
                message.error(describe(e));
                onError?.(e as Error);
              }
            }}
          >
            <Button type="link" size="small" icon={<UploadOutlined />} disabled={s.photoIds.length >= MAX_PHOTOS}>
              {t('storiesAdmin.photos')} ({s.photoIds.length}/{MAX_PHOTOS})
            </Button>
          </Upload>
          {s.status === 'published' && slug && (
            <Button type="link" size="small" href={`/shop/${slug}/stories/${s.id}`} target="_blank">
              {t('storiesAdmin.view')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('storiesAdmin.title')}
        subtitle={t('storiesAdmin.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="story-create">
            {t('storiesAdmin.create')}
          </Button>
        }
      />
      <Segmented<StoryStatus | 'all'>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('storiesAdmin.all') },
          { value: 'published', label: t('storiesAdmin.published') },
          { value: 'draft', label: t('storiesAdmin.draft') },
        ]}
      />
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Story>
          rowKey="id"
          loading={q.isPending}
          columns={columns}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('storiesAdmin.empty') }}
        />
      )}
      <StoryModal open={editing !== undefined} story={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
