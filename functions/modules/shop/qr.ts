import { AppError } from '../../errors.js';
import type { PublicRef } from '../context.js';
import { listingPageUrl } from '../produce/views.js';
import { getVillageItem } from '../villages/store.js';
import { qrPng } from './qr-png.js';
import { published } from './service.js';

/** A village's public page (its figures, donations, expenditures; donate from there), which its QR code opens. */
export const villagePageUrl = (origin: string, slug: string, id: string) => `${origin}/shop/${slug}/villages/${id}`;

/** A PNG QR code of the village's public page (another tenant's or an unknown village: not found). */
export async function villageQrPng(ctx: PublicRef, id: string): Promise<Uint8Array> {
  if (!(await getVillageItem(ctx.store, id))) throw AppError.notFound('村庄');
  return new Uint8Array(qrPng(villagePageUrl(ctx.origin, ctx.tenant.slug, id)));
}

/** A PNG QR code of the listing's page, for a market stall or a box. */
export async function listingQrPng(ctx: PublicRef, id: string): Promise<Uint8Array> {
  const r = await published(ctx, id);
  return new Uint8Array(qrPng(listingPageUrl(ctx.origin, ctx.tenant.slug, r.id)));
}
