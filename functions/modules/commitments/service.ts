import { dateInZone } from '../../../shared/dates.js';
import type { CommitmentInput, CommitmentProgress } from '../../../shared/schemas/commitments.js';
import { AppError } from '../../errors.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getOrganizationItem, listAllOrganizationItems } from '../organizations/store.js';
import { commitmentsName, movesTx } from '../counters/store.js';
import { commitmentsOfYear, getCommitment, setCommittedTx } from './store.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { actingFor } from '../own-organization.js';

async function thisYear(ctx: ServiceContext): Promise<number> {
  const tz = await tenantTimeZone(ctx.store);
  return Number(dateInZone(ctx.now, tz).slice(0, 4));
}

/**
 * Rule 9: per organization, what it committed to buy in the year and what its members' paid
 * orders came to (refunds taken off). The bureau sees every organization, a member its own.
 */
export async function listCommitments(ctx: ServiceContext, year?: number): Promise<{ items: CommitmentProgress[] }> {
  const y = year ?? (await thisYear(ctx));
  const records = await commitmentsOfYear(ctx.store, y);
  let orgs;
  if (ctx.caller.role === 'org_member') {
    const own = ctx.caller.organizationId ? await getOrganizationItem(ctx.store, ctx.caller.organizationId) : null;
    orgs = own ? [own] : [];
  } else {
    orgs = await listAllOrganizationItems(ctx.store, { max: 5000 });
  }
  const items = orgs.map((o) => {
    const r = records.get(o.id);
    return { organizationId: o.id, organizationName: o.name, year: y, committedFen: r?.committedFen ?? 0, purchasedFen: r?.purchasedFen ?? 0 };
  });
  // the furthest behind first: the bureau follows up on them
  items.sort((a, b) => b.committedFen - b.purchasedFen - (a.committedFen - a.purchasedFen) || a.organizationName.localeCompare(b.organizationName));
  return { items };
}

/** Sets an organization's commitment for a year: the bureau for any, a member for its own. */
export async function setCommitment(ctx: ServiceContext, input: CommitmentInput): Promise<CommitmentProgress> {
  const orgId = actingFor(ctx, input.organizationId, '只能填写本组织的消费帮扶承诺');
  if (!orgId) throw AppError.field('organizationId', '请选择组织');
  const org = await getOrganizationItem(ctx.store, orgId);
  if (!org) throw AppError.field('organizationId', '组织不存在');
  const before = await getCommitment(ctx.store, input.year, orgId);
  const at = ctx.now.toISOString();
  await ctx.store.transact([
    setCommittedTx(ctx.store, input.year, orgId, input.amountFen, at, before.committedFen),
    // the dashboard's year figures: organizations with a commitment, and the amount committed
    ...movesTx(ctx.store, [
      {
        name: commitmentsName(input.year),
        by: { organizations: Number(input.amountFen > 0) - Number(before.committedFen > 0), committedFen: input.amountFen - before.committedFen },
      },
    ]),
    auditPut(ctx, 'commitment', `${orgId}#${input.year}`, 'set', before, { ...before, committedFen: input.amountFen }),
  ]);
  const after = await getCommitment(ctx.store, input.year, orgId);
  return { ...after, organizationName: org.name };
}
