import { maskPhone } from '../../../shared/schemas/common.js';
import type { Helper, HelperInput, HelperPatch, TeamMember } from '../../../shared/schemas/helpers.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getOrganization } from '../organizations/service.js';
import { mayReach } from '../own-organization.js';
import { getHelperItem, getHelperItems, listHelperItems, putHelperTx, putNewHelperTx } from './store.js';

/*
 * An organization's helpers (帮扶责任人 / 帮扶队员). The bureau manages any organization's in its
 * tenant, an org_member its own organization's only (another's is "not found"). The console shows
 * the phone in full to them; every other surface gets publicHelper (phone masked).
 */

/** The organization's helpers, active first then by when they were added (getOrganization: another organization's is 404 for a member). */
export async function listHelpers(ctx: ServiceContext, organizationId: string): Promise<{ items: Helper[] }> {
  await getOrganization(ctx, organizationId);
  const items = await listHelperItems(ctx.store, organizationId);
  items.sort((a, b) => Number(b.active) - Number(a.active) || a.createdAt.localeCompare(b.createdAt));
  return { items };
}

export async function addHelper(ctx: ServiceContext, organizationId: string, input: HelperInput): Promise<Helper> {
  await getOrganization(ctx, organizationId);
  const at = ctx.now.toISOString();
  const helper: Helper = {
    id: newId('hlp'),
    organizationId,
    name: input.name,
    role: input.role,
    ...(input.phone ? { phone: input.phone } : {}),
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.store.transact([putNewHelperTx(ctx.store, helper), auditPut(ctx, 'helper', helper.id, 'create', null, helper)]);
  return helper;
}

/** A helper the caller may manage: the bureau any of its tenant's, a member its own organization's; else 404. */
export async function getHelper(ctx: ServiceContext, id: string): Promise<Helper> {
  const h = await getHelperItem(ctx.store, id);
  if (!h || !mayReach(ctx, h.organizationId)) throw AppError.notFound('帮扶队员');
  return h;
}

/** An edit, or taking the helper off (`active: false`); never deleted, activities and teams name it. */
export async function editHelper(ctx: ServiceContext, id: string, patch: HelperPatch): Promise<Helper> {
  const before = await getHelper(ctx, id);
  const { phone, ...rest } = patch;
  const after: Helper = { ...before, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), updatedAt: ctx.now.toISOString() };
  if (phone === null) delete after.phone;
  else if (phone !== undefined) after.phone = phone;
  await ctx.store.transact([
    putHelperTx(ctx.store, after, before),
    auditPut(ctx, 'helper', id, patch.active === false ? 'deactivate' : 'update', before, after),
  ]);
  return after;
}

/** What a team or a participant list shows of a helper: name and role, no phone. */
export const teamMemberOf = (h: Pick<Helper, 'id' | 'name' | 'role'>): TeamMember => ({ id: h.id, name: h.name, role: h.role });

/** A helper for a surface other than the console of the bureau or its own organization: the phone masked. */
export function publicHelper(h: Helper): Omit<Helper, 'phone'> & { phone?: string } {
  const { phone, ...rest } = h;
  const masked = maskPhone(phone);
  return masked ? { ...rest, phone: masked } : rest;
}

/** Helpers by id, for teams and participant lists (ids not found are left out). */
export async function teamMembers(ctx: ServiceContext, ids: readonly string[]): Promise<TeamMember[]> {
  const found = await getHelperItems(ctx.store, [...ids]);
  return ids.flatMap((id) => (found.has(id) ? [teamMemberOf(found.get(id)!)] : []));
}

/**
 * Each id names a helper of `organizationId` (active ones only when `activeOnly`): else a 400 at
 * `<path>.<index>`. The transaction that writes the reference holds the same condition again.
 */
export async function assertHelpersOf(
  ctx: ServiceContext,
  organizationId: string,
  ids: readonly string[],
  path: string,
  activeOnly: boolean,
): Promise<Helper[]> {
  const found = await getHelperItems(ctx.store, [...ids]);
  return ids.map((id, i) => {
    const h = found.get(id);
    if (!h || h.organizationId !== organizationId) throw AppError.field(`${path}.${i}`, '帮扶队员不属于本结对的组织');
    if (activeOnly && !h.active) throw AppError.field(`${path}.${i}`, `帮扶队员「${h.name}」已停用`);
    return h;
  });
}
