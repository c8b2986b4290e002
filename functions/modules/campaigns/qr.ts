import { AppError } from '../../errors.js';
import type { PublicRef } from '../context.js';
import { qrPng } from '../shop/qr-png.js';
import { getCampaignRecord } from './store.js';

/** A campaign's public page (its progress; donate or buy from there), which its link and QR code open. */
export const campaignPageUrl = (origin: string, slug: string, id: string) => `${origin}/shop/${slug}/campaigns/${id}`;

/** A PNG QR code of the campaign's public page (another tenant's or an unknown campaign: not found). */
export async function campaignQrPng(ctx: PublicRef, id: string): Promise<Uint8Array> {
  if (!(await getCampaignRecord(ctx.store, id))) throw AppError.notFound('活动');
  return new Uint8Array(qrPng(campaignPageUrl(ctx.origin, ctx.tenant.slug, id)));
}
