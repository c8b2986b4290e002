import { DEFAULT_RECOGNITION_THRESHOLDS } from '../../../shared/schemas/transparency.js';
import { DEFAULT_TENANT_SETTINGS } from '../../../shared/tenant-defaults.js';
import { assertNewPassword } from './passwords.js';
import {
  ACTIVITY_POINTERS_BACKFILLED,
  BACKFILLED,
  counterKey,
  NEEDS_ORG_BACKFILLED,
  ORG_FUNDS_YEARS_BACKFILLED,
  SETTLEMENT_BACKFILLED,
} from '../counters/store.js';
import { type LoginResult, type Me, type SettingsPatch, type Tenant, type TenantInput, type User, type UserInput } from '../../../shared/schemas/identity.js';
import type { LoginRegistry, UserDirectory } from '../../adapters/identity.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { TenantStore } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getOrganizationItem } from '../organizations/store.js';
import { limitChangeTx } from '../pairings/limit.js';
import { mfaRequired, mustEnrolMfa } from './mfa-policy.js';
import { useRecoveryCodeUnscoped } from './recovery-codes.js';
import { findUserByEmailUnscoped, getUser, listTenantSlugsUnscoped, putTenantTx, putUserItems, replaceTenantTx, type UserItem } from './store.js';
import { getTenant } from '../tenant/store.js';
import { logger } from '../../adapters/logger.js';

export const PLATFORM_TENANT = '_platform';

const publicUser = (u: UserItem): User => ({
  id: u.id,
  email: u.email,
  role: u.role,
  tenantId: u.tenantId,
  ...(u.organizationId ? { organizationId: u.organizationId } : {}),
});

const emailTaken = () => AppError.conflict('该邮箱已注册');

/**
 * Signs in through the directory and returns its token with the user as the table knows it; null
 * when the email or password is wrong (the caller counts the failure). Issue 15: with the right
 * password, a login with a second factor needs `code` — the authenticator's 6 digits, or a
 * recovery code used up here — else 401 `mfa_required` (not a failure); a wrong code is a 401
 * the caller counts. A user who must set the second factor up and has not is told so
 * (`mfaEnrolmentRequired`): its token opens nothing else until it has (functions/http/auth.ts).
 */
export async function signInUnscoped(
  global: TenantStore,
  directory: UserDirectory,
  email: string,
  password: string,
  code?: string,
  now: Date = new Date(),
): Promise<LoginResult | null> {
  const totpCode = code && /^\d{6}$/.test(code) ? code : undefined;
  let session = await directory.signIn(email, password, totpCode);
  if (!session) return null;
  if ('secondFactor' in session) {
    if (!code) throw new AppError('mfa_required', 401, '请输入两步验证码');
    if (session.secondFactor === 'wrong' || totpCode) throw wrongCode();
    // not six digits: one of the recovery codes, in place of the authenticator's
    const owner = await findUserByEmailUnscoped(global, email);
    if (!owner || !(await useRecoveryCodeUnscoped(global, owner, code, now))) throw wrongCode();
    session = await directory.signInWithRecovery(email, password);
    if (!session) return null;
  }
  const user = await findUserByEmailUnscoped(global, email);
  // a login made outside the API has no record here, and every route would refuse its token
  if (!user) return null;
  const store = global.forTenantUnscoped(user.tenantId);
  return { token: session.token, user: publicUser(user), ...((await mustEnrolMfa(store, user)) ? { mfaEnrolmentRequired: true } : {}) };
}

const wrongCode = () => AppError.unauthenticated('验证码不正确');

export async function me(ctx: ServiceContext): Promise<Me> {
  const user = await getUser(ctx.store, ctx.caller.userId);
  if (!user) throw AppError.unauthenticated('账号不存在');
  const out: Me = publicUser(user);
  if (user.tenantId !== PLATFORM_TENANT) {
    const t = await getTenant(ctx.store);
    if (t) out.tenant = { id: t.id, slug: t.slug, name: t.name, timeZone: t.timeZone };
  }
  if (user.organizationId) {
    out.organizationName = (await getOrganizationItem(ctx.store, user.organizationId))?.name;
  }
  out.mfa = { enabled: !!user.mfaEnabledAt, required: await mfaRequired(ctx.store, user.role) };
  return out;
}

/** platform_admin: a new tenant with its settings (defaults: Asia/Shanghai, Tuesday 18:00, 3). */
export async function createTenant(ctx: ServiceContext, input: TenantInput): Promise<Tenant> {
  const id = newId('tn').replace(/[^A-Za-z0-9_]/g, '');
  const store = ctx.store.forTenantUnscoped(id, true);
  const tenant: Tenant = {
    id,
    slug: input.slug,
    name: input.name,
    region: input.region,
    timeZone: input.timeZone ?? DEFAULT_TENANT_SETTINGS.timeZone,
    reportDeadline: input.reportDeadline ?? DEFAULT_TENANT_SETTINGS.reportDeadline,
    maxActivePairingsPerOrg: input.maxActivePairingsPerOrg ?? DEFAULT_TENANT_SETTINGS.maxActivePairingsPerOrg,
    // a new tenant's bureau admins sign in with two-step verification unless it says otherwise
    mfaRequiredForBureauAdmins: input.mfaRequiredForBureauAdmins ?? true,
    createdAt: ctx.now.toISOString(),
  };
  await store.transact([
    ...putTenantTx(store, tenant, AppError.conflict(`标识 ${input.slug} 已被使用`)),
    auditPut({ ...ctx, store }, 'tenant', id, 'create', null, tenant),
    // a new tenant's dashboard counters and settlement start at zero and move with every write: no backfill needed
    { Put: { Item: { ...counterKey(store, BACKFILLED), at: tenant.createdAt } } },
    { Put: { Item: { ...counterKey(store, SETTLEMENT_BACKFILLED), at: tenant.createdAt } } },
    { Put: { Item: { ...counterKey(store, ORG_FUNDS_YEARS_BACKFILLED), at: tenant.createdAt } } },
    { Put: { Item: { ...counterKey(store, NEEDS_ORG_BACKFILLED), at: tenant.createdAt } } },
    { Put: { Item: { ...counterKey(store, ACTIVITY_POINTERS_BACKFILLED), at: tenant.createdAt } } },
  ]);
  return tenant;
}

export async function tenantSettings(ctx: ServiceContext): Promise<Tenant> {
  const t = await getTenant(ctx.store);
  if (!t) throw AppError.notFound('租户');
  // rule 6: a tenant made before the thresholds existed reads the defaults
  return {
    ...t,
    recognitionThresholds: t.recognitionThresholds ?? DEFAULT_RECOGNITION_THRESHOLDS,
    minVisitTeamSize: t.minVisitTeamSize ?? DEFAULT_TENANT_SETTINGS.minVisitTeamSize,
  };
}

export async function updateSettings(ctx: ServiceContext, patch: SettingsPatch): Promise<Tenant> {
  const before = await tenantSettings(ctx);
  const after: Tenant = { ...before, ...patch };
  // rule 2: a changed limit leaves organizations over it (the dashboard flags them)
  const overLimit = await limitChangeTx(ctx, before.maxActivePairingsPerOrg, after.maxActivePairingsPerOrg);
  await ctx.store.transact([replaceTenantTx(ctx.store, after), ...overLimit, auditPut(ctx, 'tenant', before.id, 'update_settings', before, after)]);
  return after;
}

/**
 * platform_admin creates a user in any tenant (`tenantId`), a bureau_admin only in its own; an
 * org_member needs an organization of that tenant. Emails are unique across tenants. The login
 * (Cognito on AWS) is made first and names the user; the user's record follows in one transaction.
 */
export async function createUser(ctx: ServiceContext, logins: LoginRegistry, input: UserInput): Promise<User> {
  let tenantId = ctx.caller.tenantId;
  if (ctx.caller.role === 'platform_admin') {
    if (!input.tenantId) throw AppError.field('tenantId', '请指定租户');
    tenantId = input.tenantId;
  } else if (input.tenantId && input.tenantId !== ctx.caller.tenantId) {
    throw AppError.notFound('租户');
  }
  if (ctx.caller.role !== 'platform_admin' && input.role === 'platform_admin') {
    throw AppError.forbidden('不能创建平台管理员');
  }
  const store = ctx.store.forTenantUnscoped(tenantId);
  if (tenantId !== PLATFORM_TENANT && !(await getTenant(store))) throw AppError.notFound('租户');
  if (input.role === 'org_member') {
    if (!input.organizationId) throw AppError.field('organizationId', '机构成员必须属于一个组织');
    if (!(await getOrganizationItem(store, input.organizationId))) throw AppError.field('organizationId', '组织不存在');
  } else if (input.organizationId) {
    throw AppError.field('organizationId', '只有机构成员可以关联组织');
  }
  const organizationId = input.role === 'org_member' ? input.organizationId : undefined;
  assertNewPassword(input.email, input.password);
  const login = await logins.createLogin({ email: input.email, role: input.role, tenantId, organizationId }, input.password);
  if (!login) throw emailTaken();
  const user: UserItem = {
    id: login.userId,
    email: input.email,
    role: input.role,
    tenantId,
    ...(organizationId ? { organizationId } : {}),
    ...(login.passwordHash ? { passwordHash: login.passwordHash } : {}),
    createdAt: ctx.now.toISOString(),
  };
  const scoped = store.withGlobalUnscoped();
  try {
    await scoped.transact([
      ...putUserItems(scoped, user, emailTaken()),
      auditPut({ ...ctx, store: scoped }, 'user', user.id, 'create', null, publicUser(user)),
    ]);
  } catch (err) {
    // a login without its record could sign in to nothing, and would block the email for good
    await logins.deleteLogin(user.email).catch((undo: unknown) => {
      logger.error('login left without its user record', { email: user.email, error: undo });
    });
    throw err;
  }
  return publicUser(user);
}

export { publicUser };

/** platform_admin: the tenants, by slug. */
export async function listTenantsUnscoped(global: TenantStore, q: { limit: number; cursor?: string }) {
  const page = await listTenantSlugsUnscoped(global, q.limit, q.cursor);
  return { items: page.items.map((t) => ({ id: t.tenantId, slug: t.sk, name: t.name })), nextCursor: page.nextCursor };
}
