import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Image, Popconfirm, Skeleton, Tooltip, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribeError } from '../../api/describe';
import { useDeleteStoryPhoto, useStoryPhoto, useUploadStoryPhoto } from '../../api/stories';

/** What POST /api/stories/:id/photos accepts (the server checks again). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_STORY_PHOTOS = 9;

/** A blob's object URL for as long as the blob is shown. */
function useObjectUrl(blob: Blob | undefined) {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : undefined), [blob]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

/**
 * One photo of a story, fetched with the session (a draft's photos are never public): its w320 size,
 * the w800 one once the preview is opened.
 */
function Thumb({ storyId, photoId, size }: { storyId: string; photoId: string; size: number }) {
  const [previewing, setPreviewing] = useState(false);
  const small = useObjectUrl(useStoryPhoto(storyId, photoId, 'w320').data);
  const largeUrl = useObjectUrl(useStoryPhoto(storyId, photoId, 'w800', previewing).data);
  if (!small) return <Skeleton.Image active style={{ width: size, height: size }} />;
  return (
    <Image
      src={small}
      width={size}
      height={size}
      alt=""
      style={{ objectFit: 'cover', borderRadius: 4 }}
      preview={{ src: largeUrl ?? small, onOpenChange: (open) => setPreviewing(open) }}
      data-testid="story-photo"
    />
  );
}

/**
 * A story's photos as thumbnails, draft or published. `editable`: each with a delete button behind a
 * confirmation, and a tile to add one while there are fewer than 9.
 */
export function StoryPhotos({ storyId, photoIds, editable = false, size = 40 }: { storyId: string; photoIds: string[]; editable?: boolean; size?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const remove = useDeleteStoryPhoto();
  const upload = useUploadStoryPhoto();

  const drop = async (photoId: string) => {
    try {
      await remove.mutateAsync({ id: storyId, photoId });
      message.success(t('storiesAdmin.photoDeleted'));
    } catch (e) {
      message.error(describe(e));
    }
  };

  return (
    <div className="story-photos" style={{ display: 'flex', flexWrap: 'wrap', gap: editable ? 10 : 4 }} data-testid="story-photos">
      {photoIds.map((photoId) => (
        <div key={photoId} style={{ position: 'relative', width: size, height: size }} data-photo={photoId}>
          <Thumb storyId={storyId} photoId={photoId} size={size} />
          {editable && (
            <Popconfirm
              title={t('storiesAdmin.confirmDeletePhoto')}
              okText={t('storiesAdmin.deletePhoto')}
              okButtonProps={{ danger: true, loading: remove.isPending && remove.variables?.photoId === photoId }}
              onConfirm={() => drop(photoId)}
            >
              <Tooltip title={t('storiesAdmin.deletePhoto')}>
                <Button
                  size="small"
                  shape="circle"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('storiesAdmin.deletePhoto')}
                  style={{ position: 'absolute', top: -8, right: -8, boxShadow: '0 1px 3px rgba(0,0,0,.2)' }}
                  data-testid="story-photo-delete"
                />
              </Tooltip>
            </Popconfirm>
          )}
        </div>
      ))}
      {editable && photoIds.length < MAX_STORY_PHOTOS && (
        <Upload
          accept={PHOTO_TYPES.join(',')}
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            try {
              onSuccess?.(await upload.mutateAsync({ id: storyId, file: file as File }));
              message.success(t('storiesAdmin.photoUploaded'));
            } catch (e) {
              message.error(describe(e));
              onError?.(e as Error);
            }
          }}
        >
          <Button
            style={{ width: size, height: size, borderStyle: 'dashed', flexDirection: 'column', gap: 2 }}
            loading={upload.isPending}
            icon={upload.isPending ? undefined : <PlusOutlined />}
            data-testid="story-photo-add"
          >
            <span style={{ fontSize: 12 }}>{t('storiesAdmin.addPhoto')}</span>
          </Button>
        </Upload>
      )}
    </div>
  );
}
