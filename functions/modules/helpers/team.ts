import type { TeamMember } from '../../../shared/schemas/helpers.js';
import type { Pairing } from '../../../shared/schemas/pairings.js';
import { AppError } from '../../errors.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getPairing } from '../pairings/service.js';
import { assertHelpersOf, teamMembers } from './service.js';
import { getTeamIds, helperStillActiveTx, pairingStillOpenTx, putTeamTx } from './store.js';

/** The pairing as its page shows it: with its team (name and role, no phone). */
export async function pairingWithTeam(ctx: ServiceContext, id: string): Promise<Pairing & { team: TeamMember[] }> {
  const p = await getPairing(ctx, id);
  return { ...p, team: await teamMembers(ctx, await getTeamIds(ctx.store, id)) };
}

/**
 * The pairing's team (帮扶工作组): active helpers of the pairing's own organization only (else a 400
 * at `helperIds.<n>`), held again by the transaction that writes it. A pending or active pairing only.
 */
export async function setPairingTeam(ctx: ServiceContext, id: string, helperIds: string[]): Promise<Pairing & { team: TeamMember[] }> {
  const p = await getPairing(ctx, id);
  if (p.status !== 'active' && p.status !== 'pending') throw AppError.conflict('只能为待审核或生效中的结对设置帮扶工作组');
  const helpers = await assertHelpersOf(ctx, p.organizationId, helperIds, 'helperIds', true);
  const before = await getTeamIds(ctx.store, id);
  await ctx.store.transact([
    putTeamTx(ctx.store, id, helperIds, ctx.now.toISOString()),
    ...helperIds.map((h, i) => helperStillActiveTx(ctx.store, h, p.organizationId, `helperIds.${i}`)),
    pairingStillOpenTx(ctx.store, id),
    auditPut(ctx, 'pairing', id, 'team', { helperIds: before }, { helperIds }),
  ]);
  return { ...p, team: helpers.map((h) => ({ id: h.id, name: h.name, role: h.role })) };
}
