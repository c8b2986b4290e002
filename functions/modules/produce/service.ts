import type { Produce, ProduceInput, ProducePatch } from '../../../shared/schemas/produce.js';
import { Adoption } from '../../../shared/schemas/produce.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TxItem } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { expiredHeldByListing } from '../holds/store.js';
import { getTenant } from '../tenant/store.js';
import { getOrganizationItem, organizationStillApprovedTx } from '../organizations/store.js';
import { activePairingOf, pairingStillActiveTx } from '../pairings/store.js';
import { getVillageItem } from '../villages/store.js';
import { getProduceRecord, getProduceRecords, listProduceRecords, putNewProduceTx, updateProduceTx, type ProduceRecord } from './store.js';
import { availableOf, photoSrcSet, photoUrl } from './views.js';
import { mayReach } from '../own-organization.js';

/** draft → published → delisted, and a delisted listing may be published again. */
const NEXT_STATUS: Record<Produce['status'], Produce['status'][]> = {
  draft: ['published'],
  published: ['delisted'],
  delisted: ['published'],
};
const STATUS_ZH: Record<Produce['status'], string> = { draft: '草稿', published: '已上架', delisted: '已下架' };

/**
 * Who may list or edit a village's produce: the bureau, or a member of an approved organization
 * actively paired with the village. The checks go into the write's transaction too, so a pairing
 * ended or an organization suspended a moment before cannot slip through.
 */
async function sellerChecks(ctx: ServiceContext, villageId: string): Promise<TxItem[]> {
  if (ctx.caller.role !== 'org_member') return [];
  const orgId = ctx.caller.organizationId;
  const org = orgId ? await getOrganizationItem(ctx.store, orgId) : null;
  const notApproved = AppError.forbidden('组织未通过审核或已暂停，不能上架或编辑产品');
  if (!org || org.status !== 'approved') throw notApproved;
  const pairing = await activePairingOf(ctx.store, org.id, villageId);
  const notPaired = AppError.forbidden('只能为本组织结对帮扶（生效中）的村庄上架或编辑产品');
  if (!pairing) throw notPaired;
  return [pairingStillActiveTx(ctx.store, pairing.id, notPaired), organizationStillApprovedTx(ctx.store, org.id, notApproved)];
}

async function tenantSlug(ctx: ServiceContext): Promise<string> {
  return (await getTenant(ctx.store))?.slug ?? '';
}

function toProduce(r: ProduceRecord, expired: Map<string, number>, slug: string): Produce {
  const { held: _h, unreserved: _u, sizedPhotos: _s, ...rest } = r;
  return {
    ...rest,
    available: availableOf(r, expired),
    photoUrls: r.photos.map((id) => photoUrl(slug, id)),
    photoSrcSets: r.photos.map((id) => photoSrcSet(r, slug, id)),
  };
}

/** A listing the caller may see: an org_member only its own organization's. */
async function readable(ctx: ServiceContext, id: string): Promise<ProduceRecord> {
  const r = await getProduceRecord(ctx.store, id);
  if (!r || !mayReach(ctx, r.organizationId)) throw AppError.notFound('商品');
  return r;
}

export async function getProduce(ctx: ServiceContext, id: string): Promise<Produce> {
  const r = await readable(ctx, id);
  const [expired, slug] = await Promise.all([r.held > 0 ? expiredHeldByListing(ctx.store, ctx.now) : new Map<string, number>(), tenantSlug(ctx)]);
  return toProduce(r, expired, slug);
}

/** The bureau sees every listing; an org_member its own organization's. */
export async function listProduce(ctx: ServiceContext, q: { villageId?: string; status?: string; category?: string; limit: number; cursor?: string }) {
  const organizationId = ctx.caller.role === 'org_member' ? ctx.caller.organizationId : undefined;
  if (ctx.caller.role === 'org_member' && !organizationId) return { items: [], nextCursor: null };
  const page = await listProduceRecords(ctx.store, { ...q, organizationId });
  const [expired, slug] = await Promise.all([
    page.items.some((r) => r.held > 0) ? expiredHeldByListing(ctx.store, ctx.now) : new Map<string, number>(),
    tenantSlug(ctx),
  ]);
  return { items: page.items.map((r) => toProduce(r, expired, slug)), nextCursor: page.nextCursor };
}

export async function createProduce(ctx: ServiceContext, input: ProduceInput): Promise<Produce> {
  const village = await getVillageItem(ctx.store, input.villageId);
  if (!village) throw AppError.field('villageId', '村庄不存在');
  const checks = await sellerChecks(ctx, village.id);
  if (input.status === 'delisted') throw AppError.field('status', '新商品只能是草稿或直接上架');
  if (input.photos.length) throw AppError.field('photos', '请先保存商品，再上传照片');
  const at = ctx.now.toISOString();
  const record: ProduceRecord = {
    ...input,
    id: newId('pro'),
    organizationId: ctx.caller.role === 'org_member' ? ctx.caller.organizationId! : null,
    villageName: village.name,
    township: village.township,
    sold: 0,
    held: 0,
    unreserved: input.stock,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.store.transact([...putNewProduceTx(ctx.store, record), ...checks, auditPut(ctx, 'produce', record.id, 'create', null, record)]);
  return toProduce(record, new Map(), await tenantSlug(ctx));
}

/** A listing the caller may change: visible to it, and (org_member) still actively paired with its village. */
export async function editable(ctx: ServiceContext, id: string): Promise<{ record: ProduceRecord; checks: TxItem[] }> {
  const record = await readable(ctx, id);
  return { record, checks: await sellerChecks(ctx, record.villageId) };
}

export async function updateProduce(ctx: ServiceContext, id: string, patch: ProducePatch): Promise<Produce> {
  const { record: before, checks } = await editable(ctx, id);
  if (patch.status && patch.status !== before.status && !NEXT_STATUS[before.status].includes(patch.status)) {
    throw AppError.conflict(`商品当前为「${STATUS_ZH[before.status]}」，不能改为「${STATUS_ZH[patch.status]}」`, { status: before.status });
  }
  if (patch.photos) {
    const known = new Set(before.photos);
    if (new Set(patch.photos).size !== patch.photos.length || patch.photos.some((p) => !known.has(p))) {
      throw AppError.field('photos', '照片只能是本商品已上传的照片（可删除或调整顺序）');
    }
  }
  const village = await getVillageItem(ctx.store, before.villageId);
  const after: ProduceRecord = {
    ...before,
    ...patch,
    villageName: village?.name ?? before.villageName,
    township: village?.township ?? before.township,
    updatedAt: ctx.now.toISOString(),
  };
  if (after.kind === 'adoption') {
    if (!after.adoption) throw AppError.field('adoption', '认养商品须填写认养对象、季节和回报');
    Adoption.parse(after.adoption);
  }
  const action = after.status !== before.status ? (after.status === 'published' ? 'publish' : 'delist') : 'update';
  try {
    await ctx.store.transact([...updateProduceTx(ctx.store, before, after), ...checks, auditPut(ctx, 'produce', id, action, before, after)]);
  } catch (e) {
    if (e instanceof AppError && e.message === 'listing_update_refused') throw await whyRefused(ctx, before, after);
    throw e;
  }
  const expired = after.held > 0 ? await expiredHeldByListing(ctx.store, ctx.now) : new Map<string, number>();
  const fresh = (await getProduceRecords(ctx.store, [id])).get(id) ?? after;
  return toProduce(fresh, expired, await tenantSlug(ctx));
}

/** Which of the edit's conditions failed: someone else's edit, or a stock below what is sold and held. */
async function whyRefused(ctx: ServiceContext, before: ProduceRecord, after: ProduceRecord): Promise<AppError> {
  const now = await getProduceRecord(ctx.store, before.id);
  if (!now || now.updatedAt !== before.updatedAt) return AppError.conflict('商品已被他人修改，请刷新后重试');
  const minimum = now.sold + now.held;
  return AppError.conflict(`库存不能少于已售出和待支付锁定的数量（${minimum}）`, [
    { path: 'stock', code: 'below_committed', message: `库存至少为 ${minimum}`, sold: now.sold, held: now.held, requested: after.stock },
  ]);
}
