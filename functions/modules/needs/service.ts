import { notifyTx } from '../outbox/outbox.js';
import type { FulfilInput, Need, NeedInput, NeedStatus, NeedSummary, PledgeInput } from '../../../shared/schemas/needs.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TxItem } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getOrganizationItem, organizationStillApprovedTx } from '../organizations/store.js';
import { activePairingOf, listPairingItems, pairingStillActiveTx } from '../pairings/store.js';
import { getVillageItem } from '../villages/store.js';
import { dateInZone } from '../../../shared/dates.js';
import { tenantTimeZone } from '../tenant/settings.js';
import {
  getNeedRecord,
  listNeedRecords,
  needCountersTx,
  needOrgCountersTx,
  putNeedTx,
  toNeed,
  villageNeedCounts,
  withOrgMonths,
  type NeedRecord,
} from './store.js';

const STATUS_ZH: Record<NeedStatus, string> = { open: '待认领', pledged: '已认领', met: '已完成', withdrawn: '已撤回' };
const FINAL: NeedStatus[] = ['met', 'withdrawn'];
/** A write lost to a concurrent change of the same need: re-read and try again. */
const CHANGED = AppError.conflict('需求已被他人修改，请刷新后重试');
const ATTEMPTS = 5;
/** Pledges one need can carry: each pledging organization's columns move in the need's one transaction (at most 100 items). */
export const MAX_PLEDGES = 50;

/** The caller's organization, approved (an org_member's only); else 403. */
async function ownApprovedOrg(ctx: ServiceContext, what: string) {
  const org = ctx.caller.organizationId ? await getOrganizationItem(ctx.store, ctx.caller.organizationId) : null;
  if (!org || org.status !== 'approved') throw AppError.forbidden(`组织未通过审核或已暂停，不能${what}`);
  return org;
}

async function readNeed(ctx: ServiceContext, id: string): Promise<NeedRecord> {
  const r = await getNeedRecord(ctx.store, id);
  if (!r) throw AppError.notFound('需求');
  return r;
}

/**
 * Read, decide, write conditional on the version read; a concurrent change of the same need
 * (another pledge) makes it read again, so two pledges never both take the last quantity.
 */
export async function change(
  ctx: ServiceContext,
  id: string,
  decide: (r: NeedRecord) => Promise<{ after: NeedRecord; action: string; extra?: TxItem[] }>,
): Promise<Need> {
  const timeZone = await tenantTimeZone(ctx.store);
  const monthOf = (iso: string) => dateInZone(new Date(iso), timeZone).slice(0, 7);
  for (let attempt = 1; ; attempt++) {
    const before = await readNeed(ctx, id);
    if (FINAL.includes(before.status)) throw AppError.conflict(`需求${STATUS_ZH[before.status]}，不能再修改`);
    const decided = await decide(before);
    const { action, extra = [] } = decided;
    // each pledging organization's month is fixed at its first pledge (needs pledged before months were kept: the same rule)
    const after = withOrgMonths(decided.after, monthOf);
    after.version = before.version + 1;
    after.updatedAt = ctx.now.toISOString();
    try {
      await ctx.store.transact([
        putNeedTx(ctx.store, after, before.version, CHANGED),
        ...(after.status !== before.status ? needCountersTx(ctx.store, before, before.status, after.status) : []),
        ...needOrgCountersTx(ctx.store, withOrgMonths(before, monthOf), after),
        ...extra,
        auditPut(ctx, 'need', id, action, toNeed(before), toNeed(after)),
      ]);
      return toNeed(after);
    } catch (e) {
      if (e !== CHANGED || attempt >= ATTEMPTS) throw e;
    }
  }
}

/** The bureau, or a member of an approved organization actively paired with the village, posts a need. */
export async function createNeed(ctx: ServiceContext, input: NeedInput): Promise<Need> {
  const village = await getVillageItem(ctx.store, input.villageId);
  if (!village) throw AppError.notFound('村庄');
  const checks: TxItem[] = [];
  let orgId: string | null = null;
  if (ctx.caller.role === 'org_member') {
    const org = await ownApprovedOrg(ctx, '发布需求');
    const pairing = await activePairingOf(ctx.store, org.id, village.id);
    const notPaired = AppError.forbidden('只能为本组织结对帮扶（生效中）的村庄发布需求');
    if (!pairing) throw notPaired;
    checks.push(
      pairingStillActiveTx(ctx.store, pairing.id, notPaired),
      organizationStillApprovedTx(ctx.store, org.id, AppError.forbidden('组织已暂停，不能发布需求')),
    );
    orgId = org.id;
  }
  if (input.unit && input.quantity === undefined) throw AppError.field('quantity', '填写单位时请同时填写数量');
  const at = ctx.now.toISOString();
  const need: NeedRecord = {
    id: newId('need'),
    villageId: village.id,
    villageName: village.name,
    township: village.township,
    category: input.category,
    title: input.title,
    description: input.description || null,
    quantity: input.quantity ?? null,
    unit: input.unit ?? null,
    targetDate: input.targetDate ?? null,
    status: 'open',
    pledgedQuantity: 0,
    pledges: [],
    fulfilment: null,
    withdrawnReason: null,
    postedByOrganizationId: orgId,
    createdBy: ctx.caller.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await ctx.store.transact([
    putNeedTx(ctx.store, need, 'new', AppError.conflict('需求已存在')),
    ...needCountersTx(ctx.store, need, null, 'open'),
    ...checks,
    auditPut(ctx, 'need', need.id, 'create', null, toNeed(need)),
  ]);
  return toNeed(need);
}

export async function getNeed(ctx: ServiceContext, id: string): Promise<Need> {
  return toNeed(await readNeed(ctx, id));
}

/** Every role lists the tenant's needs; `paired` (an org_member's) keeps its actively paired villages or the others. */
export async function listNeeds(
  ctx: ServiceContext,
  q: { villageId?: string; status?: NeedStatus; category?: string; paired?: 'true' | 'false'; limit: number; cursor?: string },
) {
  let villagesIn: string[] | undefined;
  let villagesNotIn: string[] | undefined;
  if (q.paired && ctx.caller.role === 'org_member') {
    const orgId = ctx.caller.organizationId;
    const pairings = orgId ? (await listPairingItems(ctx.store, { organizationId: orgId, status: 'active', limit: 100 })).items : [];
    const paired = [...new Set(pairings.map((p) => p.villageId))];
    if (q.paired === 'true') {
      if (!paired.length) return { items: [], nextCursor: null };
      villagesIn = paired;
    } else villagesNotIn = paired;
  }
  const page = await listNeedRecords(ctx.store, { ...q, villagesIn, villagesNotIn });
  return { items: page.items.map(toNeed), nextCursor: page.nextCursor };
}

/** An approved organization pledges the whole need or a part (an org_member for its own; the bureau names one). */
export async function pledgeNeed(ctx: ServiceContext, id: string, input: PledgeInput): Promise<Need> {
  await readNeed(ctx, id); // another tenant's need is a 404 whatever the body names
  let org;
  if (ctx.caller.role === 'org_member') {
    org = await ownApprovedOrg(ctx, '认领需求');
    if (input.organizationId && input.organizationId !== org.id) throw AppError.forbidden('只能以本组织的名义认领');
  } else {
    if (!input.organizationId) throw AppError.field('organizationId', '请选择认领的组织');
    org = await getOrganizationItem(ctx.store, input.organizationId);
    if (!org) throw AppError.notFound('组织');
    if (org.status !== 'approved') throw AppError.conflict(`组织「${org.name}」未通过审核或已暂停，不能认领需求`);
  }
  const approved = organizationStillApprovedTx(ctx.store, org.id, AppError.conflict(`组织「${org.name}」已暂停，不能认领需求`));
  return change(ctx, id, async (before) => {
    if (before.pledges.length >= MAX_PLEDGES) throw AppError.conflict(`该需求已有 ${MAX_PLEDGES} 笔认领，不能再认领`);
    let quantity: number | null = null;
    if (before.quantity !== null) {
      const left = before.quantity - before.pledgedQuantity;
      if (left <= 0) throw AppError.conflict('该需求已全部认领');
      quantity = input.quantity ?? left;
      if (quantity > left) throw AppError.conflict(`认领数量超过剩余数量（剩余 ${left}${before.unit ?? ''}）`, { left });
    } else if (input.quantity !== undefined) {
      throw AppError.field('quantity', '该需求没有数量，认领时不填数量');
    }
    const pledge = {
      id: newId('plg'),
      organizationId: org.id,
      organizationName: org.name,
      quantity,
      note: input.note,
      createdBy: ctx.caller.userId,
      createdAt: ctx.now.toISOString(),
    };
    const after: NeedRecord = { ...before, status: 'pledged', pledgedQuantity: before.pledgedQuantity + (quantity ?? 0), pledges: [...before.pledges, pledge] };
    const tell =
      ctx.caller.role === 'bureau_admin'
        ? []
        : [
            notifyTx(
              ctx,
              'need_pledged',
              { to: 'bureau' },
              { title: before.title, villageName: before.villageName, organizationName: org.name },
              { link: '/needs' },
            ),
          ];
    return { after, action: 'pledge', extra: [approved, ...tell] };
  });
}

/**
 * Met means the pledges cover the need: the pledged quantity reaches the need's
 * quantity, or — a need without one — someone pledged it. Otherwise a 409 that says what is
 * missing; the bureau may still close it with a reason (close.ts).
 */
export function uncovered(n: NeedRecord): AppError | null {
  if (n.quantity === null)
    return n.pledges.length > 0 ? null : AppError.conflict('该需求还没有组织认领，不能标记为已满足；民政局可填写原因关闭需求', { missing: null });
  const missing = n.quantity - n.pledgedQuantity;
  if (missing <= 0) return null;
  const unit = n.unit ?? '';
  return AppError.conflict(`已认领 ${n.pledgedQuantity}/${n.quantity}${unit}，还差 ${missing}${unit}，认领足额后才能标记为已满足；民政局可填写原因关闭需求`, {
    pledged: n.pledgedQuantity,
    quantity: n.quantity,
    missing,
  });
}

/** The bureau, or an organization that pledged, marks the need met with evidence, once the pledges cover it. */
export async function fulfilNeed(ctx: ServiceContext, id: string, input: FulfilInput): Promise<Need> {
  return change(ctx, id, async (before) => {
    const orgId = ctx.caller.role === 'org_member' ? (ctx.caller.organizationId ?? null) : null;
    if (ctx.caller.role === 'org_member' && !before.pledges.some((p) => p.organizationId === orgId)) {
      throw AppError.forbidden('只有认领了该需求的组织或民政局可以标记完成');
    }
    const short = uncovered(before);
    if (short) throw short;
    const fulfilment = { note: input.note, evidenceUrl: input.evidenceUrl ?? null, organizationId: orgId, by: ctx.caller.userId, at: ctx.now.toISOString() };
    const tell =
      ctx.caller.role === 'bureau_admin'
        ? []
        : [notifyTx(ctx, 'need_met', { to: 'bureau' }, { title: before.title, villageName: before.villageName }, { link: '/needs' })];
    return { after: { ...before, status: 'met', fulfilment }, action: 'fulfil', extra: tell };
  });
}

/** The bureau or the poster withdraws an open or pledged need. */
export async function withdrawNeed(ctx: ServiceContext, id: string, input: { reason?: string }): Promise<Need> {
  return change(ctx, id, async (before) => {
    if (ctx.caller.role === 'org_member') {
      const poster =
        before.createdBy === ctx.caller.userId || (before.postedByOrganizationId !== null && before.postedByOrganizationId === ctx.caller.organizationId);
      if (!poster) throw AppError.forbidden('只有发布者或民政局可以撤回需求');
    }
    return { after: { ...before, status: 'withdrawn', withdrawnReason: input.reason || null }, action: 'withdraw' };
  });
}

/** Unmet needs per village (open + pledged), the most first; met shown for context. */
export async function needSummary(ctx: ServiceContext): Promise<NeedSummary> {
  if (ctx.caller.role !== 'bureau_admin') throw AppError.forbidden('只有民政局可以查看需求汇总');
  const counts = await villageNeedCounts(ctx.store);
  const items = counts
    .filter((c) => c.open + c.pledged > 0)
    .sort(
      (a, b) => b.open + b.pledged - (a.open + a.pledged) || a.township.localeCompare(b.township, 'zh') || a.villageName.localeCompare(b.villageName, 'zh'),
    );
  return { items };
}
