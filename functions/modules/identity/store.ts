import type { Tenant, User } from '../../../shared/schemas/identity.js';
import { TenantStore, type TxItem } from '../../store/tenant-store.js';

/** `passwordHash` only in local mode: on AWS the password lives in Cognito (see UserDirectory). */
export type UserItem = User & { passwordHash?: string; createdAt: string; /** set by the bureau: its tokens stop working at once, it cannot sign in */ disabled?: boolean; disabledAt?: string } & MfaFields;

/**
 * Two-step verification on the user item (issue 15; mfa.ts). Never returned by a route.
 * - `mfaEnabledAt`: set once an authenticator is confirmed; the policy (mfa-policy.ts) reads it.
 * - `totpSecret`, `totpLastStep`: local mode only (Cognito keeps its own): the shared secret and
 *   the time step of the last code that signed in, so a code signs in once.
 * - `recoveryCodes`: the hashes of the unused recovery codes (as map keys, so one is used up by a
 *   conditional REMOVE).
 * - `mfaPending`: an enrolment under way: what the directory needs to finish it (locally the new
 *   secret, on AWS the access token AssociateSoftwareToken was called with) and until when.
 */
export type MfaFields = {
  mfaEnabledAt?: string;
  totpSecret?: string;
  totpLastStep?: number;
  recoveryCodes?: Record<string, string>;
  mfaPending?: { handle: string; until: string };
};
export type LoginEntry = { tenantId: string; userId: string };

// Access pattern: a tenant's own record → pk TENANT, sk TENANT.
export const tenantKey = (store: TenantStore) => ({ pk: store.pk('TENANT'), sk: 'TENANT' });
// Access pattern: a tenant by its public slug, and the list of tenants → global pk SLUG, sk <slug>.
export const slugKey = (store: TenantStore, slug: string) => ({ pk: store.globalPk('SLUG'), sk: slug });
// Access pattern: a user by id within the tenant → pk USER, sk <userId>.
export const userKey = (store: TenantStore, id: string) => ({ pk: store.pk('USER'), sk: id });
// Access pattern: sign-in by email, before the tenant is known → global pk LOGIN, sk <email>.
export const loginKey = (store: TenantStore, email: string) => ({ pk: store.globalPk('LOGIN'), sk: email });

export async function getTenant(store: TenantStore): Promise<Tenant | null> {
  const k = tenantKey(store);
  // once per request: several services of one request ask for it
  const item = await store.getOnce<Tenant & { pk?: string; sk?: string }>(k.pk, k.sk);
  if (!item) return null;
  // the store's keys stay in the store (issue 15, hole 8: GET /api/settings answered with them)
  const { pk: _pk, sk: _sk, ...tenant } = item;
  return tenant;
}

export async function findLoginUnscoped(global: TenantStore, email: string): Promise<LoginEntry | null> {
  const k = loginKey(global, email);
  return global.get<LoginEntry>(k.pk, k.sk);
}

/** Sign-in's look-up: the login entry, then the user in the tenant it names. */
export async function findUserByEmailUnscoped(global: TenantStore, email: string): Promise<UserItem | null> {
  const entry = await findLoginUnscoped(global, email);
  if (!entry) return null;
  return getUser(new TenantStore(global.doc, global.tableName, entry.tenantId), entry.userId);
}

export async function findTenantIdBySlugUnscoped(global: TenantStore, slug: string): Promise<string | null> {
  const k = slugKey(global, slug);
  return (await global.get<{ tenantId: string }>(k.pk, k.sk, false))?.tenantId ?? null;
}

export async function listTenantSlugsUnscoped(global: TenantStore, limit: number, cursor?: string) {
  return global.query<{ sk: string; tenantId: string; name: string }>({ pk: global.globalPk('SLUG'), limit, cursor });
}

export async function getUser(store: TenantStore, id: string): Promise<UserItem | null> {
  const k = userKey(store, id);
  return store.get<UserItem>(k.pk, k.sk);
}

export async function listUsers(store: TenantStore, limit: number, cursor?: string) {
  return store.query<UserItem>({ pk: store.pk('USER'), limit, cursor });
}

/** The user and its login entry, in one transaction; an email is unique across all tenants. */
export function putUserItems(store: TenantStore, user: UserItem, duplicate: Error & { status?: number }): TxItem[] {
  const global = store.withGlobalUnscoped();
  return [
    { Put: { Item: { ...userKey(store, user.id), ...user }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        Item: { ...loginKey(global, user.email), tenantId: user.tenantId, userId: user.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      failWith: duplicate as never,
    },
  ];
}
