import { Image, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { ActivityPhoto } from '../../../../shared/schemas/activities';
import { fetchPrivateFile } from '../../api/json';

/** One photo, fetched with the session (activity photos are never public): its w320 size, the original on preview. */
function Thumb({ photo }: { photo: ActivityPhoto }) {
  const small = useQuery({ queryKey: ['activity-photo', photo.id, 'w320'], queryFn: () => fetchPrivateFile(`${photo.url}?size=w320`), staleTime: Infinity });
  const src = useMemo(() => (small.data ? URL.createObjectURL(small.data) : undefined), [small.data]);
  useEffect(() => () => (src ? URL.revokeObjectURL(src) : undefined), [src]);
  if (!src) return <Skeleton.Image active style={{ width: 72, height: 72 }} />;
  return <Image src={src} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt="" />;
}

/** An activity's photos, as small thumbnails that open in a preview. */
export function ActivityPhotos({ photos }: { photos: ActivityPhoto[] }) {
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }} data-testid="activity-photos">
        {photos.map((p) => (
          <Thumb key={p.id} photo={p} />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
