import type { PublicProduce } from '../../../shared/schemas/produce.js';
import type { PublicTenant } from '../../../shared/schemas/shop.js';
import { AppError } from '../../errors.js';
import type { PublicContext, PublicRef } from '../context.js';
import { expiredHeldByListing } from '../holds/store.js';
import { pairingCounts } from '../pairings/store.js';
import { getProduceRecord, listShopRecords, publishedCount } from '../produce/store.js';
import { toPublicProduce } from '../produce/views.js';
import { allVillageItems } from '../villages/store.js';

/** The tenant's landing page: who runs the programme and its headline figures. */
export async function publicTenant(ctx: PublicContext): Promise<PublicTenant> {
  const [villages, pairings, published] = await Promise.all([allVillageItems(ctx.store), pairingCounts(ctx.store), publishedCount(ctx.store)]);
  return {
    slug: ctx.tenant.slug,
    name: ctx.tenant.name,
    region: ctx.tenant.region,
    figures: {
      villages: villages.length,
      supervisedVillages: villages.filter((v) => v.supervised).length,
      activePairings: pairings.active,
      publishedListings: published,
    },
  };
}

export async function listPublicProduce(ctx: PublicRef, q: { villageId?: string; category?: string; limit: number; cursor?: string }) {
  const page = await listShopRecords(ctx.store, q);
  const expired = page.items.some((r) => r.held > 0) ? await expiredHeldByListing(ctx.store, ctx.now) : new Map<string, number>();
  return { items: page.items.map((r) => toPublicProduce(r, expired, ctx.tenant.slug, ctx.origin)), nextCursor: page.nextCursor };
}

/** A published listing; a draft, delisted or unknown one is not found. */
export async function published(ctx: PublicRef, id: string) {
  const r = await getProduceRecord(ctx.store, id);
  if (!r || r.status !== 'published') throw AppError.notFound('商品');
  return r;
}

export async function getPublicProduce(ctx: PublicRef, id: string): Promise<PublicProduce> {
  const r = await published(ctx, id);
  const expired = r.held > 0 ? await expiredHeldByListing(ctx.store, ctx.now) : new Map<string, number>();
  return toPublicProduce(r, expired, ctx.tenant.slug, ctx.origin);
}
