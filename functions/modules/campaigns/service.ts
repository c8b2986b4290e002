import { addDays, dateInZone, daysBetween } from '../../../shared/dates.js';
import type {
  Campaign,
  CampaignInput,
  CampaignPatch,
  CampaignProgress,
  CampaignStatus,
  PublicCampaign,
  PublicCampaignSummary,
} from '../../../shared/schemas/campaigns.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { PublicContext, ServiceContext } from '../context.js';
import { counterKey, FUNDS } from '../counters/store.js';
import { storedFulfilmentsOf } from '../fulfilments/fulfilments.js';
import type { OrderRecord } from '../orders/store.js';
import { getProduceRecords } from '../produce/store.js';
import { settingsOf, tenantTimeZone } from '../tenant/settings.js';
import { villageKey } from '../villages/store.js';
import {
  allCampaignRecords,
  campaignCounters,
  campaignLinesOf,
  getCampaignRecord,
  progressOf,
  putCampaignTx,
  replaceCampaignTx,
  villageFundsItems,
  type CampaignRecord,
} from './store.js';

/** How long an ended campaign stays on the public list. */
const RECENT_DAYS = 90;

/** upcoming before its first day, open through its last (both in the tenant's time zone), then ended. */
export const statusOn = (c: Pick<CampaignRecord, 'startDate' | 'endDate'>, today: string): CampaignStatus =>
  today < c.startDate ? 'upcoming' : today > c.endDate ? 'ended' : 'open';

/** Days left including today; the whole span before it starts; 0 once ended. */
const daysLeftOn = (c: Pick<CampaignRecord, 'startDate' | 'endDate'>, today: string) =>
  today > c.endDate ? 0 : daysBetween(today < c.startDate ? c.startDate : today, c.endDate) + 1;

const today = async (ctx: { store: TenantStore; now: Date }) => dateInZone(ctx.now, await tenantTimeZone(ctx.store));

/**
 * The campaign a public checkout or donation names, if it is open on the day (tenant's time zone);
 * otherwise null and the order or donation is made without it — a link shared after the campaign
 * ended, or a made-up id, still lets the buyer buy and the donor give (docs/API.md "Campaigns").
 */
export async function attributableCampaign(ctx: { store: TenantStore; now: Date }, campaignId: string | undefined): Promise<CampaignRecord | null> {
  if (!campaignId) return null;
  const c = await getCampaignRecord(ctx.store, campaignId);
  if (!c) return null;
  return statusOn(c, await today(ctx)) === 'open' ? c : null;
}

/**
 * What of a purchase or gift through an open campaign's link counts toward it: the order lines of
 * its listings or its villages (a campaign naming neither takes every line), and a donation to one
 * of its villages (a campaign naming no village takes every village). None in scope: the order or
 * donation is made without the campaign.
 */
export function inCampaignScope(c: Pick<CampaignRecord, 'villageIds' | 'produceIds'>, x: { villageId: string; produceId?: string }): boolean {
  if (x.produceId === undefined) return c.villageIds.length === 0 || c.villageIds.includes(x.villageId);
  if (c.villageIds.length === 0 && c.produceIds.length === 0) return true;
  return c.villageIds.includes(x.villageId) || c.produceIds.includes(x.produceId);
}

/**
 * The dates and the villages and listings checked together, every problem with its path: the end
 * before the start (`endDate`), an id that is not this tenant's village or listing (`villageIds.N`,
 * `produceIds.N`; another tenant's id reads as absent through the tenant's store).
 */
async function checkFields(ctx: ServiceContext, c: Pick<CampaignRecord, 'startDate' | 'endDate' | 'villageIds' | 'produceIds'>): Promise<void> {
  const issues: { path: string; code: string; message: string }[] = [];
  if (c.endDate < c.startDate) issues.push({ path: 'endDate', code: 'custom', message: '结束日期不能早于开始日期' });
  const villages = new Set((await ctx.store.getMany<Record<string, unknown>>(c.villageIds.map((id) => villageKey(ctx.store, id)))).map((i) => String(i.sk)));
  c.villageIds.forEach((id, i) => {
    if (!villages.has(id)) issues.push({ path: `villageIds.${i}`, code: 'not_found', message: '村庄不存在' });
  });
  const produce = await getProduceRecords(ctx.store, c.produceIds);
  c.produceIds.forEach((id, i) => {
    if (!produce.has(id)) issues.push({ path: `produceIds.${i}`, code: 'not_found', message: '商品不存在' });
  });
  if (issues.length) throw AppError.validation(issues, issues[0].message);
}

const unique = (ids: string[]) => [...new Set(ids)];

/** Village names by id (one BatchGet). */
async function villageNames(store: TenantStore, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const items = await store.getMany<Record<string, unknown>>(unique(ids).map((id) => villageKey(store, id)));
  return new Map(items.map((i) => [String(i.sk), String(i.name)]));
}

async function withProgress(store: TenantStore, records: CampaignRecord[], day: string): Promise<Campaign[]> {
  const counters = await campaignCounters(
    store,
    records.map((r) => r.id),
  );
  const progress = records.map((r) => progressOf(counters.get(r.id)));
  const names = await villageNames(
    store,
    progress.flatMap((p) => p.villages.map((v) => v.villageId)),
  );
  return records.map((r, i) => {
    const { createdBy: _c, ...rest } = r;
    const p = progress[i];
    const villages: CampaignProgress['villages'] = p.villages.map((v) => ({ ...v, villageName: names.get(v.villageId) ?? '' }));
    return { ...rest, status: statusOn(r, day), progress: { ...p, villages } };
  });
}

async function campaignRecord(ctx: { store: TenantStore }, id: string): Promise<CampaignRecord> {
  const c = await getCampaignRecord(ctx.store, id);
  if (!c) throw AppError.notFound('活动');
  return c;
}

/** The bureau's list: open first (ending soonest first), then upcoming, then ended (latest first). */
export async function listCampaigns(ctx: ServiceContext, status?: CampaignStatus): Promise<{ items: Campaign[] }> {
  const day = await today(ctx);
  const records = (await allCampaignRecords(ctx.store)).filter((c) => !status || statusOn(c, day) === status);
  return { items: await withProgress(ctx.store, sortForShow(records, day), day) };
}

function sortForShow<T extends Pick<CampaignRecord, 'startDate' | 'endDate' | 'id'>>(records: T[], day: string): T[] {
  const rank: Record<CampaignStatus, number> = { open: 0, upcoming: 1, ended: 2 };
  return [...records].sort((a, b) => {
    const [sa, sb] = [statusOn(a, day), statusOn(b, day)];
    if (sa !== sb) return rank[sa] - rank[sb];
    if (sa === 'open') return a.endDate.localeCompare(b.endDate) || a.id.localeCompare(b.id);
    if (sa === 'upcoming') return a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id);
    return b.endDate.localeCompare(a.endDate) || a.id.localeCompare(b.id);
  });
}

export async function getCampaign(ctx: ServiceContext, id: string): Promise<Campaign> {
  const c = await campaignRecord(ctx, id);
  return (await withProgress(ctx.store, [c], await today(ctx)))[0];
}

/** The bureau starts a campaign: checked whole (checkFields) before anything is written; audited. */
export async function createCampaign(ctx: ServiceContext, input: CampaignInput): Promise<Campaign> {
  const at = ctx.now.toISOString();
  const record: CampaignRecord = {
    id: newId('cmp'),
    title: input.title,
    description: input.description || null,
    kind: input.kind || null,
    startDate: input.startDate,
    endDate: input.endDate,
    targetFen: input.targetFen,
    villageIds: unique(input.villageIds),
    produceIds: unique(input.produceIds),
    createdBy: ctx.caller.userId,
    createdAt: at,
    updatedAt: at,
  };
  await checkFields(ctx, { ...record, villageIds: input.villageIds, produceIds: input.produceIds });
  await ctx.store.transact([putCampaignTx(ctx.store, record), auditPut(ctx, 'campaign', record.id, 'create', null, record)]);
  return (await withProgress(ctx.store, [record], await today(ctx)))[0];
}

/** Changes any field; the dates and ids checked as they will be; conditional on the campaign read; audited. */
export async function updateCampaign(ctx: ServiceContext, id: string, patch: CampaignPatch): Promise<Campaign> {
  const before = await campaignRecord(ctx, id);
  const after: CampaignRecord = {
    ...before,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description || null } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind || null } : {}),
    ...(patch.startDate !== undefined ? { startDate: patch.startDate } : {}),
    ...(patch.endDate !== undefined ? { endDate: patch.endDate } : {}),
    ...(patch.targetFen !== undefined ? { targetFen: patch.targetFen } : {}),
    ...(patch.villageIds !== undefined ? { villageIds: unique(patch.villageIds) } : {}),
    ...(patch.produceIds !== undefined ? { produceIds: unique(patch.produceIds) } : {}),
    updatedAt: ctx.now.toISOString(),
  };
  await checkFields(ctx, {
    ...after,
    villageIds: patch.villageIds ?? [],
    produceIds: patch.produceIds ?? [],
  });
  await ctx.store.transact([
    replaceCampaignTx(ctx.store, after, before.updatedAt, AppError.conflict('活动刚刚被修改，请刷新')),
    auditPut(ctx, 'campaign', id, 'update', before, after),
  ]);
  return (await withProgress(ctx.store, [after], await today(ctx)))[0];
}

// ---- public -------------------------------------------------------------------------------

/** The public list: open and upcoming campaigns, and those ended in the last 90 days. */
export async function publicCampaigns(ctx: PublicContext): Promise<{ items: PublicCampaignSummary[] }> {
  const day = dateInZone(ctx.now, settingsOf(ctx.tenant).timeZone);
  const since = addDays(day, -RECENT_DAYS);
  const records = sortForShow(
    (await allCampaignRecords(ctx.store)).filter((c) => c.endDate >= since),
    day,
  );
  const counters = await campaignCounters(
    ctx.store,
    records.map((r) => r.id),
  );
  return {
    items: records.map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      startDate: c.startDate,
      endDate: c.endDate,
      status: statusOn(c, day),
      daysLeft: daysLeftOn(c, day),
      targetFen: c.targetFen,
      raisedFen: progressOf(counters.get(c.id)).raisedFen,
    })),
  };
}

/**
 * A campaign's public page: its progress from its counter item, the per-village split, the listings
 * it features (those for sale), and the funds identity of its villages (received = used + balance +
 * refunded, from the same FUNDS items as the transparency page; the tenant's when it names no
 * village). Counts and money only: no donor, buyer or household.
 */
export async function publicCampaign(ctx: PublicContext, id: string): Promise<PublicCampaign> {
  const c = await campaignRecord(ctx, id);
  const day = dateInZone(ctx.now, settingsOf(ctx.tenant).timeZone);
  const [counters, produce, fundsItems] = await Promise.all([
    campaignCounters(ctx.store, [c.id]),
    getProduceRecords(ctx.store, c.produceIds),
    c.villageIds.length ? villageFundsItems(ctx.store, c.villageIds) : ctx.store.getMany<Record<string, unknown>>([counterKey(ctx.store, FUNDS)]),
  ]);
  const p = progressOf(counters.get(c.id));
  const names = await villageNames(
    ctx.store,
    p.villages.map((v) => v.villageId),
  );
  const sum = (k: string) => fundsItems.reduce((s, i) => s + (typeof i[k] === 'number' ? (i[k] as number) : 0), 0);
  const funds = c.villageIds.length
    ? { cashFen: sum('cashReceivedFen'), usedFen: sum('cashUsedFen'), balanceFen: sum('balanceFen'), refundedFen: sum('refundedFen') }
    : { cashFen: sum('cashFen'), usedFen: sum('usedFen'), balanceFen: sum('balanceFen'), refundedFen: sum('refundedFen') };
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    kind: c.kind,
    startDate: c.startDate,
    endDate: c.endDate,
    status: statusOn(c, day),
    daysLeft: daysLeftOn(c, day),
    targetFen: c.targetFen,
    raisedFen: p.raisedFen,
    orders: p.orders,
    orderFen: p.orderFen,
    donations: p.donations,
    donationFen: p.donationFen,
    villages: p.villages.map((v) => ({ ...v, villageName: names.get(v.villageId) ?? '' })),
    produce: c.produceIds
      .map((pid) => produce.get(pid))
      .filter((r) => r?.status === 'published')
      .map((r) => ({ id: r!.id, name: r!.name, priceFen: r!.priceFen, unit: r!.unit, villageName: r!.villageName })),
    funds,
  };
}

// ---- the invariant ------------------------------------------------------------------------

/**
 * A campaign's progress computed from the records themselves (full reads of the orders and
 * donations: the invariant test alone): its paid orders' parcels not refunded, an order counted
 * while one of its parcels is; its confirmed donations (refunded ones are out).
 */
export async function recountCampaign(store: TenantStore, id: string): Promise<ReturnType<typeof progressOf>> {
  const [orders, donations] = await Promise.all([
    store.queryAll<Record<string, unknown>>({ pk: store.pk('ORDER') }, Number.MAX_SAFE_INTEGER),
    store.queryAll<Record<string, unknown>>({ pk: store.pk('DONATION') }, Number.MAX_SAFE_INTEGER),
  ]);
  const byVillage = new Map<string, number>();
  const add = (v: string, fen: number) => byVillage.set(v, (byVillage.get(v) ?? 0) + fen);
  let [orderCount, orderFen, donationCount, donationFen] = [0, 0, 0, 0];
  for (const o of orders) {
    if (o.campaignId !== id || !o.paidAt || !['paid', 'shipped', 'delivered', 'refunded'].includes(String(o.status))) continue;
    const live = storedFulfilmentsOf(o as unknown as OrderRecord).filter((f) => f.status !== 'refunded');
    if (live.length === 0) continue;
    orderCount += 1;
    for (const l of campaignLinesOf(
      o as { campaignProduceIds?: string[] },
      live.flatMap((f) => f.lines),
    )) {
      orderFen += l.priceFen * l.quantity;
      add(l.villageId, l.priceFen * l.quantity);
    }
  }
  for (const d of donations) {
    if (d.campaignId !== id || d.status !== 'confirmed') continue;
    donationCount += 1;
    donationFen += Number(d.amountFen);
    add(String(d.villageId), Number(d.amountFen));
  }
  const item: Record<string, unknown> = { raisedFen: orderFen + donationFen, orders: orderCount, orderFen, donations: donationCount, donationFen };
  for (const [v, fen] of byVillage) item[`v#${v}`] = fen;
  return progressOf(item);
}
