import { dateInZone } from '../../../shared/dates.js';
import type { Village, VillageInput, VillagePatch } from '../../../shared/schemas/villages.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { earliestPairingStart, getVillageItem, listVillageItems, putVillageTx } from './store.js';
import { movesTx, VILLAGES } from '../counters/store.js';
import { tenantTimeZone } from '../tenant/settings.js';

export async function getVillage(ctx: ServiceContext, id: string): Promise<Village> {
  const v = await getVillageItem(ctx.store, id);
  if (!v) throw AppError.notFound('村庄');
  return v;
}

/** rule 1: supervised villages without an active pairing come first wherever villages are listed. */
export async function listVillages(
  ctx: ServiceContext,
  q: { supervised?: 'true' | 'false'; uncovered?: 'true' | 'false'; q?: string; limit: number; cursor?: string },
) {
  return listVillageItems(ctx.store, q);
}

export async function registerVillage(ctx: ServiceContext, input: VillageInput): Promise<Village> {
  const tz = await tenantTimeZone(ctx.store);
  const at = ctx.now.toISOString();
  const village: Village = {
    ...input,
    needs: input.needs ?? [],
    id: newId('vil'),
    registeredOn: input.registeredOn ?? dateInZone(ctx.now, tz),
    activePairings: 0,
    covered: false,
    gapOpenSince: null,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.store.transact([
    putVillageTx(ctx.store, village, 'new'),
    ...movesTx(ctx.store, [{ name: VILLAGES, by: { total: 1, supervised: village.supervised ? 1 : 0 } }]),
    auditPut(ctx, 'village', village.id, 'create', null, village),
  ]);
  return village;
}

export async function updateVillage(ctx: ServiceContext, id: string, patch: VillagePatch): Promise<Village> {
  const before = await getVillage(ctx, id);
  const after: Village = { ...before, ...patch, updatedAt: ctx.now.toISOString() };
  if (after.poorHouseholds > after.households) throw AppError.field('poorHouseholds', '建档立卡户数不能多于总户数');
  if (patch.registeredOn && patch.registeredOn > before.registeredOn) {
    // rule 2: no pairing starts before the village was registered, so registration cannot move past one
    const earliest = await earliestPairingStart(ctx.store, id);
    if (earliest && earliest < patch.registeredOn) {
      throw AppError.field('registeredOn', `登记日期不能晚于已有结对的开始日期（${earliest}）`);
    }
  }
  await ctx.store.transact([
    putVillageTx(ctx.store, after, before),
    // the dashboard's village counters: a village marked (un)supervised moves supervised, and covered if it is
    ...supervisedMoveTx(ctx, before, after),
    auditPut(ctx, 'village', id, 'update', before, after),
  ]);
  return after;
}

/** The dashboard's village counters when a village is marked (un)supervised: covered too if it is. */
function supervisedMoveTx(ctx: ServiceContext, before: Village, after: Village) {
  if (before.supervised === after.supervised) return [];
  const by = after.supervised ? 1 : -1;
  return movesTx(ctx.store, [{ name: VILLAGES, by: { supervised: by, covered: before.activePairings > 0 ? by : 0 } }]);
}
