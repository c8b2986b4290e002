import type { Organization, OrganizationChange } from '../../../shared/schemas/organizations.js';
import { AppError } from '../../errors.js';
import { filterWhere } from '../../store/filters.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { notifyTx } from '../outbox/outbox.js';
import { changeKey, getChange, putChangeTx, setOpenTx } from './changes-store.js';
import { assertIdentityFree, identityTx } from './service.js';
import { getOrganizationItem, putOrganizationTx, strip } from './store.js';

/**
 * The bureau's review of organizations' identity changes: the list, approve (applies the
 * change, with the name and credit-code rules checked again, in one transaction with its audit
 * event and the organization's notification) and reject with a reason. Served by the ledger
 * function (functions/app-full.ts mountLedgerRoutes).
 */

export async function listChanges(ctx: ServiceContext, q: { status?: OrganizationChange['status']; organizationId?: string; limit: number; cursor?: string }) {
  // a member sees its own organization's requests only
  const organizationId = ctx.caller.role === 'org_member' ? (ctx.caller.organizationId ?? '-') : q.organizationId;
  const page = await ctx.store.query<OrganizationChange & { pk: string; sk: string }>({
    pk: changeKey(ctx.store, '').pk,
    limit: q.limit,
    cursor: q.cursor,
    forward: false,
    filter: filterWhere({ status: q.status, organizationId }),
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

async function pendingChange(ctx: ServiceContext, id: string): Promise<{ change: OrganizationChange; org: Organization }> {
  const change = await getChange(ctx.store, id);
  if (!change) throw AppError.notFound('变更申请');
  if (change.status !== 'pending') throw AppError.conflict('该变更申请已处理，不能再审核', { status: change.status });
  const org = await getOrganizationItem(ctx.store, change.organizationId);
  if (!org) throw AppError.notFound('组织');
  return { change, org };
}

const decided = (ctx: ServiceContext, change: OrganizationChange, status: 'approved' | 'rejected', reason?: string): OrganizationChange => ({
  ...change,
  status,
  decidedBy: { id: ctx.caller.userId, email: ctx.caller.email },
  decidedAt: ctx.now.toISOString(),
  ...(reason ? { reason } : {}),
});

export async function approveChange(ctx: ServiceContext, id: string): Promise<OrganizationChange> {
  const { change, org } = await pendingChange(ctx, id);
  const after: Organization = { ...org, ...change.after, updatedAt: ctx.now.toISOString() };
  // the name may have been taken, or the code registered, since the request
  await assertIdentityFree(ctx, org.id, org, after);
  const done = decided(ctx, change, 'approved');
  await ctx.store.transact([
    putOrganizationTx(ctx.store, after, org),
    ...(await identityTx(ctx, org.id, org, after)),
    putChangeTx(ctx.store, done, 'pending'),
    setOpenTx(ctx.store, org.id, null, change.id),
    auditPut(ctx, 'organization', org.id, 'change_approve', org, after),
    notifyTx(
      ctx,
      'organization_change_decided',
      { to: 'organization', organizationId: org.id },
      { status: 'approved', name: after.name },
      { link: '/my-organization' },
    ),
  ]);
  return done;
}

export async function rejectChange(ctx: ServiceContext, id: string, reason: string): Promise<OrganizationChange> {
  const { change, org } = await pendingChange(ctx, id);
  const done = decided(ctx, change, 'rejected', reason);
  await ctx.store.transact([
    putChangeTx(ctx.store, done, 'pending'),
    setOpenTx(ctx.store, org.id, null, change.id),
    auditPut(
      ctx,
      'organization',
      org.id,
      'change_reject',
      { changeId: id, ...change.after, status: 'pending' },
      { changeId: id, ...change.after, status: 'rejected', reason },
    ),
    notifyTx(
      ctx,
      'organization_change_decided',
      { to: 'organization', organizationId: org.id },
      { status: 'rejected', name: org.name, reason },
      { link: '/my-organization' },
    ),
  ]);
  return done;
}
