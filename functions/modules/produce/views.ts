import type { PublicProduce } from '../../../shared/schemas/produce.js';
import type { ProduceRecord } from './store.js';

/** A photo's public address (served from the file store through the API, long-cached). */
export const photoUrl = (slug: string, photoId: string) => `/api/public/${slug}/photos/${photoId}`;

/** A photo's `srcset`: its WebP sizes, or '' for one uploaded before them. */
export function photoSrcSet(r: Pick<ProduceRecord, 'sizedPhotos'>, slug: string, photoId: string): string {
  if (!r.sizedPhotos?.includes(photoId)) return '';
  const base = photoUrl(slug, photoId);
  return `${base}/w320 320w, ${base}/w800 800w`;
}

/** The listing's own page in the shop, which its QR code opens. */
export const listingPageUrl = (origin: string, slug: string, id: string) => `${origin}/shop/${slug}/produce/${id}`;

/**
 * stock − sold − live holds. `unreserved` already takes every open hold off; the holds whose
 * checkout has expired but which the sweeper has not released yet count for nothing, so they are
 * added back. Never above stock − sold (an index read a moment stale cannot overstate it).
 */
export function availableOf(r: Pick<ProduceRecord, 'id' | 'unreserved' | 'stock' | 'sold'>, expired: Map<string, number>): number {
  return Math.max(0, Math.min(r.unreserved + (expired.get(r.id) ?? 0), r.stock - r.sold));
}

/** What the public sees: no personal data — a household origin is shown only as 脱贫户. */
export function toPublicProduce(r: ProduceRecord, expired: Map<string, number>, slug: string, origin: string): PublicProduce {
  const originLabel = r.origin ? (r.origin.kind === 'household' ? '脱贫户' : r.origin.name) : undefined;
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    unit: r.unit,
    priceFen: r.priceFen,
    kind: r.kind,
    ...(r.adoption ? { adoption: r.adoption } : {}),
    ...(r.description ? { description: r.description } : {}),
    ...(r.certificationNo ? { certificationNo: r.certificationNo } : {}),
    ...(originLabel ? { originLabel } : {}),
    villageId: r.villageId,
    villageName: r.villageName,
    township: r.township,
    available: availableOf(r, expired),
    photos: r.photos,
    photoUrls: r.photos.map((id) => photoUrl(slug, id)),
    photoSrcSets: r.photos.map((id) => photoSrcSet(r, slug, id)),
    url: listingPageUrl(origin, slug, r.id),
    qrUrl: `/api/public/${slug}/produce/${r.id}/qr.png`,
  };
}
