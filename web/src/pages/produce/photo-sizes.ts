import type { Produce } from '../../../../shared/schemas/produce';

/** The photo's WebP size of that width, or its original when it is older than the sizes. */
export function thumbOf(p: Pick<Produce, 'photoUrls' | 'photoSrcSets'>, i: number, width: 320 | 800): string {
  return p.photoSrcSets?.[i] ? `${p.photoUrls[i]}/w${width}` : p.photoUrls[i];
}
