import type { InvitationInput, InvitationPreview, UserRow } from '../../../shared/schemas/accounts.js';
import { assertNewPassword } from '../identity/passwords.js';
import type { LoginResult } from '../../../shared/schemas/identity.js';
import type { Locale } from '../../../shared/schemas/notifications.js';
import type { UserDirectory } from '../../adapters/identity.js';
import { AppError } from '../../errors.js';
import { hitRateLimit } from '../../store/rate-limit.js';
import { newId } from '../../store/ids.js';
import { TenantStore, type TxItem } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { Caller, ServiceContext } from '../context.js';
import { findLoginUnscoped, findUserByEmailUnscoped, getUser, putUserItems, setPasswordHashTx, setUserEnabledTx, type UserItem } from '../identity/store.js';
import { getTenant } from '../tenant/store.js';
import { notifyTx } from '../outbox/outbox.js';
import { getOrganizationItem, organizationNames } from '../organizations/store.js';
import { deleteInvitationTx, getInvitation, listInvitations, putInvitationTx, type InvitationItem } from './store.js';
import { findLinkUnscoped, linkKey, newLinkToken, putLinkTx, useLinkTx } from './tokens-store.js';
import { hashToken } from '../access-tokens.js';
import { logger } from '../../adapters/logger.js';

/** Invitations per inviter per hour, and to one email per hour (each one is an email sent). */
export const INVITATIONS_PER_INVITER_PER_HOUR = 50;
export const INVITATIONS_PER_EMAIL_PER_HOUR = 3;

/** An invitation's link works 72 hours, a reset link 1 hour. */
export const INVITATION_TTL_MS = 72 * 3600_000;
export const RESET_TTL_MS = 3600_000;

const gone = (what: string) => new AppError('gone', 410, what);
const emailTaken = () => AppError.conflict('该邮箱已注册');
const ttlOf = (expiresAt: Date) => Math.floor(expiresAt.getTime() / 1000) + 7 * 86_400;

/**
 * The writes of one invitation: the invitation (replacing one out for the same email, whose link
 * dies with it), its link's hashed token, and the email in the outbox. For the caller's
 * transaction (createInvitation; an application's approval adds the organization beside it). The
 * store given must reach the global namespace (the link index).
 */
export async function invitationTx(
  ctx: ServiceContext,
  input: { email: string; role: InvitationItem['role']; organizationId?: string; organizationName?: string; locale?: Locale; applicationId?: string },
): Promise<{ tx: TxItem[]; invitation: InvitationItem; token: string }> {
  const store = ctx.store.withGlobalUnscoped();
  if (await findLoginUnscoped(store, input.email)) throw emailTaken();
  const [tenant, previous] = await Promise.all([getTenant(ctx.store), getInvitation(ctx.store, input.email)]);
  const token = newLinkToken();
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_TTL_MS);
  const invitation: InvitationItem = {
    id: newId('inv'),
    email: input.email,
    role: input.role,
    ...(input.organizationId ? { organizationId: input.organizationId } : {}),
    tokenHash: hashToken(token),
    invitedBy: ctx.caller.email,
    locale: input.locale ?? 'zh-CN',
    createdAt: ctx.now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ...(input.applicationId ? { applicationId: input.applicationId } : {}),
  };
  const tx: TxItem[] = [
    putInvitationTx(ctx.store, invitation, previous?.tokenHash, AppError.conflict('该邮箱的邀请刚刚发生变化，请重试')),
    ...(previous ? [{ Delete: { Key: linkKey(store, previous.tokenHash) } } as TxItem] : []),
    putLinkTx(store, invitation.tokenHash, {
      kind: 'invite',
      tenantId: ctx.store.tenantId,
      ref: input.email,
      email: input.email,
      validUntil: invitation.expiresAt,
      expiresAt: ttlOf(expiresAt),
    }),
    notifyTx(
      ctx,
      'invitation',
      { to: 'email', email: input.email, locale: invitation.locale },
      { tenantName: tenant?.name ?? '', organizationName: input.organizationName ?? null, role: input.role },
      { link: `/invite/${token}` },
    ),
    auditPut(ctx, 'user', invitation.id, 'invite', null, {
      email: invitation.email,
      role: invitation.role,
      organizationId: invitation.organizationId ?? null,
      expiresAt: invitation.expiresAt,
    }),
  ];
  return { tx, invitation, token };
}

const invitationView = (i: InvitationItem, organizationName?: string) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  ...(i.organizationId ? { organizationId: i.organizationId } : {}),
  ...(organizationName ? { organizationName } : {}),
  invitedBy: i.invitedBy,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
});

/**
 * The bureau invites anyone of its tenant (a colleague, or a member of one of its organizations);
 * an org_member invites colleagues of its own organization only.
 */
export async function createInvitation(ctx: ServiceContext, input: InvitationInput) {
  // every invitation is an email sent in our name: no inviter may turn that into a mail cannon
  const global = ctx.store.withGlobalUnscoped();
  await hitRateLimit(global, 'invite-user', ctx.caller.userId, INVITATIONS_PER_INVITER_PER_HOUR, 3600, ctx.now);
  await hitRateLimit(global, 'invite-email', input.email, INVITATIONS_PER_EMAIL_PER_HOUR, 3600, ctx.now);
  let organizationId = input.organizationId;
  if (ctx.caller.role === 'org_member') {
    if (input.role !== 'org_member') throw AppError.forbidden('机构成员只能邀请本组织的成员');
    if (organizationId && organizationId !== ctx.caller.organizationId) throw AppError.field('organizationId', '只能邀请本组织的成员');
    organizationId = ctx.caller.organizationId;
  } else if (input.role === 'bureau_admin' && organizationId) {
    throw AppError.field('organizationId', '只有机构成员可以关联组织');
  }
  let organizationName: string | undefined;
  if (input.role === 'org_member') {
    if (!organizationId) throw AppError.field('organizationId', '请选择组织');
    const org = await getOrganizationItem(ctx.store, organizationId);
    // another tenant's organization is not found here (the store is the caller's tenant)
    if (!org) throw AppError.field('organizationId', '组织不存在');
    if (org.status === 'rejected') throw AppError.field('organizationId', '组织未通过审核，不能邀请成员');
    organizationName = org.name;
  }
  const { tx, invitation } = await invitationTx(ctx, { email: input.email, role: input.role, organizationId, organizationName, locale: input.locale });
  await ctx.store.withGlobalUnscoped().transact(tx);
  return invitationView(invitation, organizationName);
}

type FoundLink = NonNullable<Awaited<ReturnType<typeof findLinkUnscoped>>>;

async function liveLink(global: TenantStore, token: string, kind: 'invite' | 'reset', now: Date): Promise<FoundLink> {
  const link = await findLinkUnscoped(global, token);
  if (!link || link.kind !== kind) throw AppError.notFound(kind === 'invite' ? '邀请' : '重置链接');
  if (link.usedAt) throw gone(kind === 'invite' ? '邀请链接已使用，请直接登录' : '重置链接已使用，请重新申请');
  if (link.validUntil <= now.toISOString()) throw gone(kind === 'invite' ? '邀请链接已过期，请联系邀请人重新发送' : '重置链接已过期，请重新申请');
  return link;
}

async function liveInvitation(global: TenantStore, token: string, now: Date) {
  const link = await liveLink(global, token, 'invite', now);
  const store = global.forTenantUnscoped(link.tenantId);
  const invitation = await getInvitation(store, link.ref);
  if (!invitation || invitation.tokenHash !== link.hash) throw gone('邀请已被撤回或被新的邀请取代');
  return { link, store, invitation };
}

/** What the invitation page shows (no account yet): 404 unknown, 410 used or expired. */
export async function previewInvitation(global: TenantStore, token: string, now: Date): Promise<InvitationPreview> {
  const { store, invitation } = await liveInvitation(global, token, now);
  const [tenant, org] = await Promise.all([getTenant(store), invitation.organizationId ? getOrganizationItem(store, invitation.organizationId) : null]);
  return {
    email: invitation.email,
    role: invitation.role,
    tenantName: tenant?.name ?? '',
    ...(org ? { organizationName: org.name } : {}),
    expiresAt: invitation.expiresAt,
  };
}

/**
 * The invitee sets its password: the login (Cognito on AWS) first, then in one transaction the user
 * and its login entry, the invitation gone and its link used; a failure undoes the login. Once:
 * the link's condition refuses a second use (410) and the email's login entry a second account.
 */
export async function acceptInvitation(global: TenantStore, directory: UserDirectory, token: string, password: string, now: Date): Promise<LoginResult> {
  const { link, store, invitation } = await liveInvitation(global, token, now);
  assertNewPassword(invitation.email, password);
  const login = await directory.createLogin(
    { email: invitation.email, role: invitation.role, tenantId: store.tenantId, organizationId: invitation.organizationId },
    password,
  );
  if (!login) throw emailTaken();
  const at = now.toISOString();
  const user: UserItem = {
    id: login.userId,
    email: invitation.email,
    role: invitation.role,
    tenantId: store.tenantId,
    ...(invitation.organizationId ? { organizationId: invitation.organizationId } : {}),
    ...(login.passwordHash ? { passwordHash: login.passwordHash } : {}),
    createdAt: at,
  };
  const scoped = store.withGlobalUnscoped();
  const caller: Caller = { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId, organizationId: user.organizationId };
  try {
    await scoped.transact([
      useLinkTx(scoped, link.hash, at, gone('邀请链接已使用，请直接登录')),
      deleteInvitationTx(store, invitation.email, link.hash, gone('邀请已被撤回或被新的邀请取代')),
      ...putUserItems(scoped, user, emailTaken()),
      auditPut({ store: scoped, caller, now }, 'user', user.id, 'accept_invitation', null, {
        id: user.id,
        email: user.email,
        role: user.role,
        organizationId: user.organizationId ?? null,
        invitationId: invitation.id,
      }),
    ]);
  } catch (err) {
    await directory.deleteLogin(user.email).catch((undo: unknown) => {
      logger.error('login left without its user record', { email: user.email, error: undo });
    });
    throw err;
  }
  const session = await directory.signIn(user.email, password);
  // a new login has no second factor yet: the password alone signs it in
  if (!session || !('token' in session)) throw new Error('the new login did not sign in');
  return {
    token: session.token,
    user: { id: user.id, email: user.email, role: user.role, tenantId: user.tenantId, ...(user.organizationId ? { organizationId: user.organizationId } : {}) },
  };
}

/**
 * A reset link for a known, enabled account: the hashed token and the email, in one transaction.
 * An unknown or disabled email writes nothing; the route answers the same either way.
 */
export async function requestPasswordReset(global: TenantStore, email: string, locale: Locale | undefined, now: Date): Promise<void> {
  const user = await findUserByEmailUnscoped(global, email);
  if (!user || user.disabled || user.tenantId === undefined) return;
  const store = global.forTenantUnscoped(user.tenantId, true);
  const token = newLinkToken();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await store.transact([
    putLinkTx(store, hashToken(token), {
      kind: 'reset',
      tenantId: user.tenantId,
      ref: user.id,
      email: user.email,
      validUntil: expiresAt.toISOString(),
      expiresAt: ttlOf(expiresAt),
    }),
    notifyTx({ store, now }, 'password_reset', { to: 'email', email: user.email, locale: locale ?? 'zh-CN' }, {}, { link: `/reset-password/${token}` }),
  ]);
}

/** A new password through a reset link: once (410 after), within the hour (410 after). */
export async function resetPassword(global: TenantStore, directory: UserDirectory, token: string, password: string, now: Date): Promise<void> {
  const link = await liveLink(global, token, 'reset', now);
  const store = global.forTenantUnscoped(link.tenantId, true);
  const user = await getUser(store, link.ref);
  if (!user || user.disabled) throw gone('账号已停用或不存在');
  assertNewPassword(user.email, password);
  const { passwordHash } = await directory.setPassword(user.email, password);
  const at = now.toISOString();
  const caller: Caller = { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId, organizationId: user.organizationId };
  await store.transact([
    useLinkTx(store, link.hash, at, gone('重置链接已使用，请重新申请')),
    ...(passwordHash ? [setPasswordHashTx(store, user.id, passwordHash, at)] : []),
    auditPut({ store, caller, now }, 'user', user.id, 'reset_password', null, null),
  ]);
}

/**
 * The users of the tenant (bureau) or of the caller's organization (org_member), with the
 * invitations still out on the first page (status invited).
 */
export async function listUserRows(ctx: ServiceContext, q: { organizationId?: string; status?: UserRow['status']; limit: number; cursor?: string }) {
  const orgId = ctx.caller.role === 'org_member' ? ctx.caller.organizationId : q.organizationId;
  if (ctx.caller.role === 'org_member' && !orgId) return { items: [], nextCursor: null };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conds: string[] = [];
  if (orgId) {
    conds.push('organizationId = :org');
    values[':org'] = orgId;
  }
  if (q.status === 'disabled') conds.push('disabled = :t');
  if (q.status === 'active') conds.push('(attribute_not_exists(disabled) OR disabled = :f)');
  if (q.status === 'disabled') values[':t'] = true;
  if (q.status === 'active') values[':f'] = false;
  const users =
    q.status === 'invited'
      ? { items: [] as UserItem[], nextCursor: null }
      : await ctx.store.query<UserItem>({
          pk: ctx.store.pk('USER'),
          limit: q.limit,
          cursor: q.cursor,
          ...(conds.length ? { filter: { expression: conds.join(' AND '), names, values } } : {}),
        });
  const invites =
    !q.cursor && (q.status === undefined || q.status === 'invited')
      ? (await listInvitations(ctx.store)).filter((i) => !orgId || i.organizationId === orgId)
      : [];
  const orgNames = await organizationNames(
    ctx.store,
    [...users.items, ...invites].map((u) => u.organizationId).filter((x): x is string => !!x),
  );
  const rows: UserRow[] = [
    ...invites.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      tenantId: ctx.store.tenantId,
      ...(i.organizationId ? { organizationId: i.organizationId, organizationName: orgNames.get(i.organizationId) } : {}),
      status: 'invited' as const,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
    })),
    ...users.items.map((u) => ({
      id: u.id,
      email: u.email,
      role: u.role,
      tenantId: u.tenantId,
      ...(u.organizationId ? { organizationId: u.organizationId, organizationName: orgNames.get(u.organizationId) } : {}),
      status: u.disabled ? ('disabled' as const) : ('active' as const),
      createdAt: u.createdAt,
    })),
  ];
  return { items: rows, nextCursor: users.nextCursor };
}

/** The bureau disables (or enables again) a user of its tenant; its tokens stop working at once. */
export async function setUserEnabled(ctx: ServiceContext, directory: UserDirectory, id: string, enabled: boolean): Promise<UserRow> {
  const user = await getUser(ctx.store, id);
  if (!user) throw AppError.notFound('用户');
  if (!enabled && user.id === ctx.caller.userId) throw AppError.conflict('不能停用自己的账号');
  if (!enabled === !!user.disabled) return rowOf(user, ctx);
  await directory.setEnabled(user.email, enabled);
  const at = ctx.now.toISOString();
  const after: UserItem = { ...user, disabled: !enabled, ...(enabled ? {} : { disabledAt: at }) };
  if (enabled) delete after.disabledAt;
  await ctx.store.transact([
    setUserEnabledTx(ctx.store, id, enabled, at),
    auditPut(ctx, 'user', id, enabled ? 'enable' : 'disable', { disabled: !!user.disabled }, { disabled: !enabled }),
  ]);
  return rowOf(after, ctx);
}

function rowOf(u: UserItem, ctx: ServiceContext): UserRow {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    tenantId: ctx.store.tenantId,
    ...(u.organizationId ? { organizationId: u.organizationId } : {}),
    status: u.disabled ? 'disabled' : 'active',
    createdAt: u.createdAt,
  };
}
