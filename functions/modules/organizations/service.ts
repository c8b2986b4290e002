import type {
  Organization,
  OrganizationInput,
  OrganizationPatch,
} from '../../../shared/schemas/organizations.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import {
  claimCreditCodeTx,
  getOrganizationItem,
  listOrganizationItems,
  putOrganizationTx,
  releaseCreditCodeTx,
} from './store.js';

export type Review = 'approve' | 'reject' | 'suspend';

/** Which statuses each review may start from: pending → approved | rejected; approved ⇄ suspended. */
export const REVIEW_TRANSITIONS: Record<Review, { from: Organization['status'][]; to: Organization['status'] }> = {
  approve: { from: ['pending', 'suspended'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['approved'], to: 'suspended' },
};

/** An org_member sees only its own organization; anyone else's id is "not found". */
function assertMayTouch(ctx: ServiceContext, id: string) {
  if (ctx.caller.role === 'org_member' && ctx.caller.organizationId !== id) throw AppError.notFound('组织');
}

export async function getOrganization(ctx: ServiceContext, id: string): Promise<Organization> {
  assertMayTouch(ctx, id);
  const org = await getOrganizationItem(ctx.store, id);
  if (!org) throw AppError.notFound('组织');
  return org;
}

export async function listOrganizations(
  ctx: ServiceContext,
  q: { status?: string; kind?: string; limit: number; cursor?: string },
) {
  if (ctx.caller.role === 'org_member') {
    const own = ctx.caller.organizationId ? await getOrganizationItem(ctx.store, ctx.caller.organizationId) : null;
    const items = own && (!q.status || own.status === q.status) && (!q.kind || own.kind === q.kind) ? [own] : [];
    return { items, nextCursor: null };
  }
  return listOrganizationItems(ctx.store, q);
}

export async function createOrganization(ctx: ServiceContext, input: OrganizationInput): Promise<Organization> {
  const at = ctx.now.toISOString();
  const org: Organization = { ...input, id: newId('org'), status: 'pending', activePairings: 0, createdAt: at, updatedAt: at };
  await ctx.store.transact([
    putOrganizationTx(ctx.store, org, 'new'),
    claimCreditCodeTx(ctx.store, org.creditCode, org.id),
    auditPut(ctx, 'organization', org.id, 'create', null, org),
  ]);
  return org;
}

export async function updateOrganization(ctx: ServiceContext, id: string, patch: OrganizationPatch): Promise<Organization> {
  const before = await getOrganization(ctx, id);
  const after: Organization = { ...before, ...patch, updatedAt: ctx.now.toISOString() };
  const tx = [putOrganizationTx(ctx.store, after, before), auditPut(ctx, 'organization', id, 'update', before, after)];
  if (after.creditCode !== before.creditCode) {
    tx.push(claimCreditCodeTx(ctx.store, after.creditCode, id), releaseCreditCodeTx(ctx.store, before.creditCode));
  }
  await ctx.store.transact(tx);
  return after;
}

export async function reviewOrganization(ctx: ServiceContext, id: string, review: Review, reason?: string): Promise<Organization> {
  const before = await getOrganization(ctx, id);
  const t = REVIEW_TRANSITIONS[review];
  if (!t.from.includes(before.status)) {
    throw AppError.conflict(`组织当前状态为「${STATUS_ZH[before.status]}」，不能${REVIEW_ZH[review]}`, { status: before.status });
  }
  const after: Organization = { ...before, status: t.to, updatedAt: ctx.now.toISOString() };
  if (reason) after.statusReason = reason;
  else delete after.statusReason;
  await ctx.store.transact([
    putOrganizationTx(ctx.store, after, before),
    auditPut(ctx, 'organization', id, review, before, after),
  ]);
  return after;
}

/** Only approved organizations act (claim, log activities). */
export async function requireApprovedOrganization(ctx: ServiceContext, id: string): Promise<Organization> {
  const org = await getOrganization(ctx, id);
  if (org.status !== 'approved') throw AppError.conflict(`组织「${org.name}」未通过审核或已暂停，不能开展此操作`);
  return org;
}

const STATUS_ZH: Record<Organization['status'], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  suspended: '已暂停',
};
const REVIEW_ZH: Record<Review, string> = { approve: '通过', reject: '驳回', suspend: '暂停' };
