import { PictureOutlined } from '@ant-design/icons';
import type { Produce } from '../../../../shared/schemas/produce';
import { thumbOf } from './photo-sizes';

/** The first photo, small; a grey square when there is none yet. */
export function ProduceThumb({ produce: p }: { produce: Produce }) {
  const first = p.photoUrls[0] && thumbOf(p, 0, 320);
  if (!first) {
    return (
      <span className="produce-thumb produce-thumb-empty" aria-hidden="true">
        <PictureOutlined />
      </span>
    );
  }
  return <img className="produce-thumb" src={first} alt="" width={44} height={44} loading="lazy" decoding="async" />;
}
