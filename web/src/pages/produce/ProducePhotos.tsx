import { PlusOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Produce } from '../../../../shared/schemas/produce';
import { useDescribeError } from '../../api/describe';
import { invalidate } from '../../api/invalidate';
import { uploadProducePhoto, usePatchProduce } from '../../api/produce';
import { thumbOf } from './photo-sizes';

/** What POST /api/produce/:id/photos accepts (the server checks again). */
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_PHOTOS = 9;

/** A listing's photos: upload (jpeg/png/webp ≤ 5 MB, at most 9), remove; the first is the cover. */
export function ProducePhotos({ produce }: { produce: Produce }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState<UploadFile[]>([]);

  const patch = usePatchProduce();
  const patchPhotos = (photos: string[]) => patch.mutateAsync({ id: produce.id, status: produce.status, photos });

  const files: UploadFile[] = [
    ...produce.photos.map((id, i) => ({
      uid: id,
      name: t(i === 0 ? 'produce.coverPhoto' : 'produce.photoN', { n: i + 1 }),
      status: 'done' as const,
      // the preview opens the display size; the card shows the thumbnail (the original when it has no sizes)
      url: thumbOf(produce, i, 800),
      thumbUrl: thumbOf(produce, i, 320),
    })),
    ...uploading,
  ];

  return (
    <div data-testid="produce-photos">
      <Upload
        listType="picture-card"
        accept={TYPES.join(',')}
        multiple
        fileList={files}
        beforeUpload={(file) => {
          if (!TYPES.includes(file.type)) {
            message.error(t('produce.photoType'));
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_BYTES) {
            message.error(t('produce.photoSize'));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File & { uid: string };
          setUploading((u) => [...u, { uid: f.uid, name: f.name, status: 'uploading' }]);
          try {
            // the server appends the photo to the listing (at most 9)
            onSuccess?.(await uploadProducePhoto(produce.id, f));
          } catch (e) {
            message.error(t('produce.photoFailed', { reason: describe(e) }));
            onError?.(e as Error);
          } finally {
            setUploading((u) => u.filter((x) => x.uid !== f.uid));
            await invalidate(queryClient, 'produce', 'produce-item');
          }
        }}
        onRemove={async (file) => {
          try {
            await patchPhotos(produce.photos.filter((id) => id !== file.uid));
            await invalidate(queryClient, 'produce', 'produce-item');
            return true;
          } catch (e) {
            message.error(describe(e));
            return false;
          }
        }}
      >
        {files.length >= MAX_PHOTOS ? null : (
          <button type="button" className="upload-button">
            <PlusOutlined />
            <div>{t('produce.uploadPhoto')}</div>
          </button>
        )}
      </Upload>
    </div>
  );
}
