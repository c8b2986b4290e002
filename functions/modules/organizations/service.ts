import {
  IDENTITY_FIELDS,
  type Organization,
  type OrganizationChange,
  type OrganizationInput,
  type OrganizationPatch,
} from '../../../shared/schemas/organizations.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TxItem } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { notifyTx } from '../outbox/outbox.js';
import { assertNameFree, openChange, putChangeTx, renameTx, setOpenTx } from './changes-store.js';
import { claimCreditCodeTx, getOrganizationItem, listOrganizationItems, putOrganizationTx, releaseCreditCodeTx } from './store.js';

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

export async function listOrganizations(ctx: ServiceContext, q: { status?: string; kind?: string; limit: number; cursor?: string }) {
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

/** The bureau's edit (and imports'): applies at once. */
export async function updateOrganization(ctx: ServiceContext, id: string, patch: OrganizationPatch): Promise<Organization> {
  return (await editOrganization(ctx, id, patch)).organization;
}

/**
 * An edit. The bureau's applies at once, and so does a member's before its organization
 * is first approved (the approval reviews the whole record). Once it is, a member's change to the
 * identity fields (name, kind, credit code) becomes a change request the bureau approves, and only
 * the contact fields apply now. One request is open per organization: the same one again is
 * answered with it, a different one supersedes it.
 */
export async function editOrganization(
  ctx: ServiceContext,
  id: string,
  patch: OrganizationPatch,
): Promise<{ organization: Organization; change?: OrganizationChange }> {
  const before = await getOrganization(ctx, id);
  const asked: OrganizationChange['after'] = {};
  const rest: OrganizationPatch = { ...patch };
  for (const f of IDENTITY_FIELDS) {
    if (patch[f] === undefined) continue;
    delete rest[f];
    if (patch[f] !== before[f]) Object.assign(asked, { [f]: patch[f] });
  }
  const review = ctx.caller.role === 'org_member' && before.status !== 'pending' && Object.keys(asked).length > 0;
  const after: Organization = { ...before, ...rest, ...(review ? {} : asked), updatedAt: ctx.now.toISOString() };
  await assertIdentityFree(ctx, id, before, { ...before, ...asked });
  const tx: TxItem[] = [];
  const changed = Object.keys(rest).some((k) => rest[k as keyof OrganizationPatch] !== before[k as keyof Organization]);
  if (changed || !review) {
    tx.push(putOrganizationTx(ctx.store, after, before), auditPut(ctx, 'organization', id, 'update', before, after));
    tx.push(...(await identityTx(ctx, id, before, after)));
  }
  if (!review) {
    await ctx.store.transact(tx);
    return { organization: after };
  }
  const open = await openChange(ctx.store, id);
  if (open && IDENTITY_FIELDS.every((f) => open.after[f] === asked[f])) {
    if (tx.length) await ctx.store.transact(tx);
    return { organization: changed ? after : before, change: open };
  }
  const pick = (o: Organization) => ({ name: o.name, kind: o.kind, creditCode: o.creditCode });
  const change: OrganizationChange = {
    id: newId('chg'),
    organizationId: id,
    status: 'pending',
    before: pick(before),
    after: asked,
    requestedBy: { id: ctx.caller.userId, email: ctx.caller.email },
    requestedAt: ctx.now.toISOString(),
  };
  if (open) tx.push(putChangeTx(ctx.store, { ...open, status: 'superseded' }, 'pending'));
  tx.push(
    putChangeTx(ctx.store, change),
    setOpenTx(ctx.store, id, change.id, open?.id ?? null),
    auditPut(ctx, 'organization', id, 'change_request', change.before, { ...change.before, ...asked }),
    notifyTx(
      ctx,
      'organization_change_requested',
      { to: 'bureau' },
      { name: before.name, newName: asked.name ?? before.name },
      { link: '/organizations?tab=changes' },
    ),
  );
  await ctx.store.transact(tx);
  return { organization: changed ? after : before, change };
}

/** 409 when a rename takes another organization's name or a new credit code is registered to another. */
export async function assertIdentityFree(ctx: ServiceContext, id: string, before: Organization, after: Pick<Organization, 'name' | 'creditCode'>) {
  if (after.name !== before.name) await assertNameFree(ctx.store, after.name, id);
  if (after.creditCode !== before.creditCode) {
    const k = { pk: ctx.store.pk('CREDITCODE'), sk: after.creditCode };
    const holder = await ctx.store.get<{ organizationId: string }>(k.pk, k.sk);
    if (holder && holder.organizationId !== id) throw claimCreditCodeTx(ctx.store, after.creditCode, id).failWith as AppError;
  }
}

/** What a change of name or credit code moves in the same transaction: the name claim, the code claim. */
export async function identityTx(ctx: ServiceContext, id: string, before: Organization, after: Organization): Promise<TxItem[]> {
  const tx = await renameTx(ctx.store, id, before.name, after.name);
  if (after.creditCode !== before.creditCode) {
    tx.push(claimCreditCodeTx(ctx.store, after.creditCode, id), releaseCreditCodeTx(ctx.store, before.creditCode));
  }
  return tx;
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
  await ctx.store.transact([putOrganizationTx(ctx.store, after, before), auditPut(ctx, 'organization', id, review, before, after)]);
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
