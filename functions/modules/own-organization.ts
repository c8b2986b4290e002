import { AppError } from '../errors.js';
import type { ServiceContext } from './context.js';

/*
 * "An organization member sees only its own" (docs/DOMAIN.md, "Who uses it"; docs/RULES.md T2):
 * an org_member's caller carries its organization; every record and list an organization owns
 * goes through one of these. Another organization's record is "not found" (404, never 403), so
 * a member cannot learn that it exists; the bureau sees the whole tenant.
 */

const isMember = (ctx: Pick<ServiceContext, 'caller'>) => ctx.caller.role === 'org_member';

/**
 * The record check: true when the caller may read a record owned by `owner` (one organization id,
 * or several — an order shared by sellers). The bureau may read all of its tenant's.
 */
export function mayReach(ctx: Pick<ServiceContext, 'caller'>, owner: string | readonly string[] | null | undefined): boolean {
  if (!isMember(ctx)) return true;
  const own = ctx.caller.organizationId;
  if (!own || owner == null) return false;
  return typeof owner === 'string' ? owner === own : owner.includes(own);
}

/**
 * The list filter: the organization a list is narrowed to. An org_member's lists are its own
 * organization's whatever it asks; asking for another's (or having none) lists nothing (null).
 * The bureau gets what it asked for (undefined: the whole tenant).
 */
export function listScope(ctx: Pick<ServiceContext, 'caller'>, asked?: string | null): { organizationId: string | undefined } | null {
  if (!isMember(ctx)) return { organizationId: asked ?? undefined };
  const own = ctx.caller.organizationId;
  if (!own || (asked && asked !== own)) return null;
  return { organizationId: own };
}

/** An empty page, for a list the caller may not see. */
export const NOTHING_LISTED = Object.freeze({ items: [] as never[], nextCursor: null });

/**
 * The organization a write acts for: an org_member's own (naming another is refused with
 * `refusal`), or the one the bureau named (undefined when it named none: the caller decides).
 */
export function actingFor(ctx: Pick<ServiceContext, 'caller'>, named: string | null | undefined, refusal: string): string | undefined {
  if (!isMember(ctx)) return named ?? undefined;
  if (named && named !== ctx.caller.organizationId) throw AppError.forbidden(refusal);
  return ctx.caller.organizationId;
}
