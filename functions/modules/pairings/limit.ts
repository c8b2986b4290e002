import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';
import { overLimitEndTx, setOverLimitTx, type OverLimitOrgs } from '../counters/store.js';
import { bumpActivePairingsTx, listOrganizationItems } from '../organizations/store.js';
import type { TenantSettingsRead } from '../tenant/settings.js';
import { noPairingMovedTx, pairingCounts, tenantLimitUnchangedTx } from './store.js';

/*
 * Rule 2 (一帮多): an organization holds at most the tenant's limit of simultaneous active pairings
 * (docs/DOMAIN.md; the default is shared/tenant-defaults.ts). Everything about the limit is here:
 * the claim's early refusal, the approval's atomic guard, an end's way down from over the limit, the
 * settings change that lowers or raises it, and the dashboard's over-limit flags.
 */

export function overLimitError(limit: number) {
  return AppError.conflict(`该组织生效中的结对已达上限（${limit} 个）`, { reason: 'over_limit', limit });
}

const LIMIT_CHANGED = AppError.conflict('结对数量上限刚刚被修改，请重试');
const ORG_MOVED = AppError.conflict('组织的结对情况刚刚发生变化，请重试');

/** A claim is refused early when the organization is already at the limit (approval checks again, atomically). */
export function assertUnderPairingLimit(activePairings: number, settings: TenantSettingsRead) {
  if (activePairings >= settings.maxActivePairingsPerOrg) throw overLimitError(settings.maxActivePairingsPerOrg);
}

/**
 * An approval's part: the organization's count goes up only while under the limit, and only against
 * the limit as read (a limit the bureau changed meanwhile rewrote the over-limit map, which would
 * then miss this organization).
 */
export function approvalLimitTx(store: TenantStore, orgId: string, settings: TenantSettingsRead): TxItem[] {
  const limit = settings.maxActivePairingsPerOrg;
  return [
    bumpActivePairingsTx(store, orgId, 1, limit, overLimitError(limit)),
    tenantLimitUnchangedTx(store, settings.storedMaxActivePairingsPerOrg, LIMIT_CHANGED),
  ];
}

/**
 * An end's part: the count goes down (while still the one read, when `activeAsRead` is given); an
 * organization over a lowered limit comes down in the over-limit map, and leaves it once within.
 */
export function endLimitTx(
  store: TenantStore,
  orgId: string,
  settings: TenantSettingsRead,
  overLimitOrg: OverLimitOrgs[string] | undefined,
  activeAsRead?: number,
): TxItem[] {
  return [
    bumpActivePairingsTx(store, orgId, -1, settings.maxActivePairingsPerOrg, ORG_MOVED, activeAsRead),
    ...(overLimitOrg ? [overLimitEndTx(store, orgId, overLimitOrg.activePairings, settings.maxActivePairingsPerOrg, ORG_MOVED)] : []),
    tenantLimitUnchangedTx(store, settings.storedMaxActivePairingsPerOrg, LIMIT_CHANGED),
  ];
}

/**
 * A settings change of the limit: the over-limit map is rewritten from the organizations' counts,
 * on condition that no pairing was approved or ended while they were read (approvals and ends in
 * turn check that the limit they read still holds). Nothing when the limit did not change.
 */
export async function limitChangeTx(ctx: ServiceContext, before: number | undefined, after: number | undefined): Promise<TxItem[]> {
  if (after === before || after === undefined) return [];
  const moved = await pairingCounts(ctx.store);
  return [
    setOverLimitTx(ctx.store, await overLimitOrgs(ctx.store, after)),
    noPairingMovedTx(ctx.store, moved, AppError.conflict('结对情况刚刚发生变化，请重试')),
  ];
}

/** Every organization with more active pairings than the limit (an admin action may read them all). */
async function overLimitOrgs(store: TenantStore, limit: number): Promise<OverLimitOrgs> {
  const out: OverLimitOrgs = {};
  let cursor: string | undefined;
  do {
    const page = await listOrganizationItems(store, { limit: 100, cursor });
    for (const o of page.items) if ((o.activePairings ?? 0) > limit) out[o.id] = { name: o.name, activePairings: o.activePairings };
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** The over-limit map from counted active pairings (a recount). */
export function overLimitOf(activeByOrg: Iterable<[string, { name: string; n: number }]>, settings: TenantSettingsRead): OverLimitOrgs {
  const out: OverLimitOrgs = {};
  for (const [id, o] of activeByOrg) if (o.n > settings.maxActivePairingsPerOrg) out[id] = { name: o.name, activePairings: o.n };
  return out;
}

/** The dashboard's over_limit flags, by organization id. */
export function overLimitFlags(overLimit: OverLimitOrgs, settings: TenantSettingsRead) {
  return Object.entries(overLimit)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([organizationId, o]) => ({
      kind: 'over_limit' as const,
      organizationId,
      organizationName: o.name,
      activePairings: o.activePairings,
      limit: settings.maxActivePairingsPerOrg,
    }));
}
