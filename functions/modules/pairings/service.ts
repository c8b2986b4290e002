import { notifyTx } from '../outbox/outbox.js';
import { daysBetween, dateInZone } from '../../../shared/dates.js';
import type { ClaimInput, EndInput, Pairing } from '../../../shared/schemas/pairings.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { requireApprovedOrganization } from '../organizations/service.js';
import { getOrganizationItem } from '../organizations/store.js';
import { assertNotReportingBlocked, reportingOnApproveTx, reportingOnEndTx } from './reporting.js';
import { getVillage } from '../villages/service.js';
import { moveVillageCoverageTx } from '../villages/store.js';
import {
  getPairingItem,
  listPairingItems,
  putGapFlagTx,
  putNewPairingTx,
  releaseGuardTx,
  transitionPairingTx,
  countTx,
  villagePairingItems,
  type GapFlag,
  deleteOpenGapFlagTx,
  putOpenGapFlagTx,
} from './store.js';
import { movesTx, readOverLimit, VILLAGES } from '../counters/store.js';
import { tenantSettings } from '../tenant/settings.js';
import { approvalLimitTx, assertUnderPairingLimit, endLimitTx } from './limit.js';
import { NOTHING_LISTED, actingFor, listScope, mayReach } from '../own-organization.js';

/** An org_member reaches only its own organization's pairings; others are "not found". */
export async function getPairing(ctx: ServiceContext, id: string): Promise<Pairing> {
  const p = await getPairingItem(ctx.store, id);
  if (!p || !mayReach(ctx, p.organizationId)) {
    throw AppError.notFound('结对');
  }
  return p;
}

export async function listPairings(ctx: ServiceContext, q: { villageId?: string; organizationId?: string; status?: string; limit: number; cursor?: string }) {
  const scope = listScope(ctx, q.organizationId);
  if (!scope) return NOTHING_LISTED;
  return listPairingItems(ctx.store, { ...q, ...scope });
}

/** An org_member claims for its own organization; the bureau may claim for any. Starts pending. */
export async function claimPairing(ctx: ServiceContext, input: ClaimInput): Promise<Pairing> {
  const orgId = actingFor(ctx, input.organizationId, '只能为本组织认领结对');
  if (!orgId) throw AppError.field('organizationId', '请选择结对组织');
  // rule 10: four missed weekly reports in a row block new claims until the organization reports
  await assertNotReportingBlocked(ctx, orgId);
  const [org, village, rules] = await Promise.all([
    requireApprovedOrganization({ ...ctx, caller: { ...ctx.caller, role: 'bureau_admin' } }, orgId).catch((e) => {
      throw e instanceof AppError && e.status === 404 ? AppError.field('organizationId', '组织不存在') : e;
    }),
    getVillage(ctx, input.villageId).catch((e) => {
      throw e instanceof AppError && e.status === 404 ? AppError.field('villageId', '村庄不存在') : e;
    }),
    tenantSettings(ctx.store),
  ]);
  // rule 2: no start before the village was registered
  if (input.startDate && input.startDate < village.registeredOn) {
    throw AppError.field('startDate', `开始日期不能早于村庄登记日期（${village.registeredOn}）`);
  }
  // rule 2: no organization over the tenant's limit (checked again, atomically, on approval)
  assertUnderPairingLimit(org.activePairings, rules);
  const at = ctx.now.toISOString();
  const pairing: Pairing = {
    id: newId('par'),
    villageId: village.id,
    organizationId: org.id,
    villageName: village.name,
    organizationName: org.name,
    status: 'pending',
    startDate: null,
    endDate: null,
    proposedStartDate: input.startDate ?? null,
    commitment: input.commitment ?? null,
    reason: null,
    activityCount: 0,
    lastActivityOn: null,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.store.transact([
    ...putNewPairingTx(ctx.store, pairing),
    auditPut(ctx, 'pairing', pairing.id, 'claim', null, pairing),
    notifyTx(ctx, 'pairing_claimed', { to: 'bureau' }, { organizationName: org.name, villageName: village.name }, { link: '/pairings' }),
  ]);
  return pairing;
}

/** pending → active, from a start date; guarded by the organization's limit and the village's coverage. */
export async function approvePairing(ctx: ServiceContext, id: string, startDate?: string): Promise<Pairing> {
  const before = await getPairing(ctx, id);
  if (before.status !== 'pending') throw AppError.conflict(`结对当前为「${STATUS_ZH[before.status]}」，不能通过`);
  const rules = await tenantSettings(ctx.store);
  const today = dateInZone(ctx.now, rules.timeZone);
  const start = startDate ?? before.proposedStartDate ?? today;
  const [village] = await Promise.all([getVillage(ctx, before.villageId), requireApprovedOrganization(ctx, before.organizationId)]);
  if (start < village.registeredOn) {
    throw AppError.field('startDate', `开始日期不能早于村庄登记日期（${village.registeredOn}）`);
  }
  if (start > today) throw AppError.field('startDate', '开始日期不能晚于今天');
  const after: Pairing = { ...before, status: 'active', startDate: start, updatedAt: ctx.now.toISOString() };
  const tx = [
    transitionPairingTx(
      ctx.store,
      id,
      'pending',
      { status: 'active', startDate: start, updatedAt: after.updatedAt },
      AppError.conflict('结对状态已变化，请刷新'),
    ),
    ...approvalLimitTx(ctx.store, before.organizationId, rules),
    moveVillageCoverageTx(ctx.store, village, 1, null),
    countTx(ctx.store, { pending: -1, active: 1 }),
    auditPut(ctx, 'pairing', id, 'approve', before, after),
    ...(await reportingOnApproveTx(ctx, after)),
    notifyTx(
      ctx,
      'pairing_approved',
      { to: 'organization', organizationId: before.organizationId },
      { villageName: before.villageName, startDate: start },
      { link: '/my-pairings' },
    ),
  ];
  // the dashboard: a supervised village picked up (0 → 1) is covered; an open gap is closed
  if (village.supervised && village.activePairings === 0) tx.push(...movesTx(ctx.store, [{ name: VILLAGES, by: { covered: 1 } }]));
  if (village.activePairings === 0 && village.gapOpenSince) tx.push(deleteOpenGapFlagTx(ctx.store, village.id));
  // rule 2: a village that lost its last pairing and is picked up again later had a gap (断档)
  if (village.activePairings === 0 && village.gapOpenSince) {
    const days = daysBetween(village.gapOpenSince, start) - 1;
    if (days > 0) {
      const flag: GapFlag = {
        kind: 'pairing_gap',
        villageId: village.id,
        villageName: village.name,
        endedOn: village.gapOpenSince,
        resumedOn: start,
        days,
        pairingId: id,
      };
      tx.push(putGapFlagTx(ctx.store, flag));
    }
  }
  await ctx.store.transact(tx);
  return after;
}

export async function rejectPairing(ctx: ServiceContext, id: string, reason?: string): Promise<Pairing> {
  const before = await getPairing(ctx, id);
  if (before.status !== 'pending') throw AppError.conflict(`结对当前为「${STATUS_ZH[before.status]}」，不能驳回`);
  const after: Pairing = { ...before, status: 'rejected', reason: reason ?? null, updatedAt: ctx.now.toISOString() };
  await ctx.store.transact([
    transitionPairingTx(
      ctx.store,
      id,
      'pending',
      { status: 'rejected', reason: after.reason, updatedAt: after.updatedAt },
      AppError.conflict('结对状态已变化，请刷新'),
    ),
    releaseGuardTx(ctx.store, before),
    countTx(ctx.store, { pending: -1, rejected: 1 }),
    auditPut(ctx, 'pairing', id, 'reject', before, after),
    notifyTx(
      ctx,
      'pairing_rejected',
      { to: 'organization', organizationId: before.organizationId },
      { villageName: before.villageName, reason: after.reason },
      { link: '/my-pairings' },
    ),
  ]);
  return after;
}

/** active → ended on an end date no earlier than the start (rule 2); the village may open a gap. */
export async function endPairing(ctx: ServiceContext, id: string, input: EndInput): Promise<Pairing> {
  const before = await getPairing(ctx, id);
  if (before.status !== 'active') throw AppError.conflict(`结对当前为「${STATUS_ZH[before.status]}」，不能结束`);
  if (before.startDate && input.endDate < before.startDate) {
    throw AppError.field('endDate', `结束日期不能早于开始日期（${before.startDate}）`);
  }
  const rules = await tenantSettings(ctx.store);
  if (input.endDate > dateInZone(ctx.now, rules.timeZone)) throw AppError.field('endDate', '结束日期不能晚于今天');
  const [village, overLimitOrgs, org] = await Promise.all([
    getVillage(ctx, before.villageId),
    readOverLimit(ctx.store),
    getOrganizationItem(ctx.store, before.organizationId),
  ]);
  // rules 3, 10: the weeks after a back-dated end lose the organization unless another of its pairings
  // keeps it in; read after the organization's count, which the transaction then holds (an approval
  // racing this end adds the organization to those weeks: one of the two must see the other)
  const reporting = await reportingOnEndTx(ctx, { ...before, status: 'ended', endDate: input.endDate }, dateInZone(ctx.now, rules.timeZone));
  const after: Pairing = { ...before, status: 'ended', endDate: input.endDate, reason: input.reason ?? before.reason, updatedAt: ctx.now.toISOString() };
  const lastOne = village.activePairings <= 1;
  // rule 2: with no pairing left, the gap (断档) opens on the last day any pairing covered the
  // village, which is not this end date when another pairing ended later than this (back-dated) one
  const gapOpenSince = lastOne
    ? (await villagePairingItems(ctx.store, village.id))
        .filter((p) => p.id !== id && p.status === 'ended' && p.endDate)
        .reduce((latest, p) => (p.endDate! > latest ? p.endDate! : latest), input.endDate)
    : village.gapOpenSince;
  await ctx.store.transact([
    transitionPairingTx(
      ctx.store,
      id,
      'active',
      { status: 'ended', endDate: input.endDate, reason: after.reason, updatedAt: after.updatedAt },
      AppError.conflict('结对状态已变化，请刷新'),
    ),
    ...endLimitTx(
      ctx.store,
      before.organizationId,
      rules,
      overLimitOrgs[before.organizationId],
      reporting.removesWeeks ? (org?.activePairings ?? 0) : undefined,
    ),
    moveVillageCoverageTx(ctx.store, village, -1, gapOpenSince),
    releaseGuardTx(ctx.store, before),
    countTx(ctx.store, { active: -1, ended: 1 }),
    auditPut(ctx, 'pairing', id, 'end', before, after),
    notifyTx(
      ctx,
      'pairing_ended',
      { to: 'organization', organizationId: before.organizationId },
      { villageName: before.villageName, endDate: input.endDate, reason: after.reason },
      { link: '/my-pairings' },
    ),
    ...reporting.tx,
    // the dashboard: a supervised village losing its last pairing is uncovered; a gap (断档) opens
    ...(lastOne && village.supervised ? movesTx(ctx.store, [{ name: VILLAGES, by: { covered: -1 } }]) : []),
    ...(lastOne && gapOpenSince ? [putOpenGapFlagTx(ctx.store, { villageId: village.id, villageName: village.name, endedOn: gapOpenSince })] : []),
  ]);
  return after;
}

const STATUS_ZH: Record<Pairing['status'], string> = { pending: '待审核', active: '生效中', ended: '已结束', rejected: '已驳回' };
