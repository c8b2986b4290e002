import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { Id, ListQuery, RequiredText } from './common.js';
import { PRODUCE_CATEGORIES, PRODUCE_KINDS, PRODUCE_STATUSES } from '../produce-kinds.js';

/** 农特产品 / 扶贫产品 listings (docs/DOMAIN.md "Produce listing"); adoption (认养) is a kind. */
export { PRODUCE_CATEGORIES, PRODUCE_KINDS, PRODUCE_STATUSES };
export const ProduceKind = z.enum(PRODUCE_KINDS, { error: '商品类型无效' });
export const ProduceStatus = z.enum(PRODUCE_STATUSES, { error: '上架状态无效' });
export const ProduceCategory = z.enum(PRODUCE_CATEGORIES, { error: '品类无效' });

/** A price in fen: a positive integer (¥12.50 is 1250); never yuan with decimals. */
export const PriceFen = z
  .number({ error: '价格必须是数字（单位：分）' })
  .int({ error: '价格必须是整数分（如 ¥12.50 填 1250）' })
  .min(1, { error: '价格必须大于 0' })
  .max(100_000_000, { error: '价格过高' });

export const Stock = z
  .number({ error: '库存必须是数字' })
  .int({ error: '库存必须是整数' })
  .min(0, { error: '库存不能为负数' })
  .max(1_000_000, { error: '库存过大' });

/** Where it comes from. A household is shown publicly only by its kind, never by a person's name. */
export const Origin = z.object({
  kind: z.enum(['household', 'cooperative'], { error: '来源类型无效' }),
  name: RequiredText(100, '来源名称'),
});

/** 认养: a tree, a plot, an animal for a season, and what the adopter receives. */
export const Adoption = z
  .object({
    subject: RequiredText(100, '认养对象'),
    seasonStart: IsoDate,
    seasonEnd: IsoDate,
    returns: RequiredText(500, '认养回报'),
  })
  .refine((a) => a.seasonEnd >= a.seasonStart, { message: '认养结束日期不能早于开始日期', path: ['seasonEnd'] });

const ProduceFields = z.object({
  villageId: Id,
  name: RequiredText(60, '商品名称'),
  category: ProduceCategory,
  unit: RequiredText(10, '单位'),
  priceFen: PriceFen,
  stock: Stock,
  kind: ProduceKind,
  status: ProduceStatus.default('draft'),
  certificationNo: z.string().trim().max(50).optional(),
  description: z.string().trim().max(2000).optional(),
  origin: Origin.optional(),
  adoption: Adoption.optional(),
  /** ids of photos uploaded with POST /api/produce/:id/photos */
  photos: z.array(z.string().max(100)).max(9).default([]),
});

const adoptionNeedsSeason = (p: { kind?: string; adoption?: unknown }) => p.kind !== 'adoption' || !!p.adoption;
const adoptionIssue = { message: '认养商品须填写认养对象、季节和回报', path: ['adoption'] };

export const ProduceInput = ProduceFields.refine(adoptionNeedsSeason, adoptionIssue);
export type ProduceInput = z.infer<typeof ProduceInput>;

/** Only the fields sent change: no defaults here (a default status or photo list would undo a publish or drop the photos). */
export const ProducePatch = ProduceFields.omit({ villageId: true })
  .extend({ status: ProduceStatus, photos: z.array(z.string().max(100)).max(9) })
  .partial();
export type ProducePatch = z.infer<typeof ProducePatch>;

export const Produce = ProduceFields.extend({
  id: Id,
  status: ProduceStatus,
  photos: z.array(z.string()),
  /** the organization that listed it; null when the bureau did */
  organizationId: z.string().nullable(),
  villageName: z.string(),
  township: z.string(),
  /** units paid for */
  sold: z.number().int(),
  /** stock − sold − live holds */
  available: z.number().int(),
  /** the photos' public addresses, in the order of `photos` */
  photoUrls: z.array(z.string()),
  /** each photo's `srcset` (its WebP sizes, "url 320w, url 800w"); '' for a photo from before the sizes */
  photoSrcSets: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Produce = z.infer<typeof Produce>;

export const ProduceQuery = ListQuery.extend({
  villageId: Id.optional(),
  status: ProduceStatus.optional(),
  category: ProduceCategory.optional(),
});

/** What the public shop shows: no personal data (a household origin is shown as 脱贫户). */
export const PublicProduce = z.object({
  id: Id,
  name: z.string(),
  category: ProduceCategory,
  unit: z.string(),
  priceFen: z.number().int(),
  kind: ProduceKind,
  adoption: Adoption.optional(),
  description: z.string().optional(),
  certificationNo: z.string().optional(),
  originLabel: z.string().optional(),
  villageId: Id,
  villageName: z.string(),
  township: z.string(),
  available: z.number().int(),
  /** photo ids, as in Produce */
  photos: z.array(z.string()),
  /** the photos' public addresses (GET /api/public/:tenantSlug/photos/:photoId), in the same order */
  photoUrls: z.array(z.string()),
  /** each photo's `srcset` (GET …/photos/:photoId/w320 and /w800, WebP); '' for a photo from before the sizes */
  photoSrcSets: z.array(z.string()),
  /** the listing's own page, for its QR code */
  url: z.string(),
  /** the PNG QR code of `url` */
  qrUrl: z.string(),
});
export type PublicProduce = z.infer<typeof PublicProduce>;

export const PublicProduceQuery = ListQuery.extend({
  villageId: Id.optional(),
  category: ProduceCategory.optional(),
});

/** POST /api/produce/:id/photos answers with the new photo (appended to the listing, at most 9). */
export const PhotoUploaded = z.object({ photoId: Id, url: z.string() });
export type PhotoUploaded = z.infer<typeof PhotoUploaded>;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** The WebP sizes every photo is resized into: a thumbnail and a display size, in px wide. */
export const PHOTO_WIDTHS = [320, 800] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];
export const PhotoSize = z.enum(['w320', 'w800'], { error: '照片尺寸无效' });

/**
 * POST /api/produce/:id/photos/presign. `s3` (on AWS): POST the form — `fields`, then the file as
 * `file` — to `url` (the bucket; its policy allows only this key, one of PHOTO_TYPES, at most 5 MB,
 * for `expiresInSeconds`), then POST /api/produce/:id/photos/confirm with `key`. `direct` (locally,
 * no bucket): POST the file to /api/produce/:id/photos as multipart, as before.
 */
export const PhotoUploadTicket = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('direct'), url: z.string() }),
  z.object({
    mode: z.literal('s3'),
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    key: z.string(),
    photoId: Id,
    maxBytes: z.number().int(),
    expiresInSeconds: z.number().int(),
  }),
]);
export type PhotoUploadTicket = z.infer<typeof PhotoUploadTicket>;

/** POST /api/produce/:id/photos/confirm: the key the browser posted the photo to. */
export const PhotoUploadConfirm = z.object({ key: z.string({ error: '缺少照片的存储位置' }).min(1, { error: '缺少照片的存储位置' }).max(300) });
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 9;
