import type { Tenant, User } from '../../../shared/schemas/identity.js';
import { TenantStore, type TxItem } from '../../store/tenant-store.js';

/** `passwordHash` only in local mode: on AWS the password lives in Cognito (see UserDirectory). */
export type UserItem = User & { passwordHash?: string; createdAt: string; /** set by the bureau: its tokens stop working at once, it cannot sign in */ disabled?: boolean; disabledAt?: string };
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
  return store.getOnce<Tenant>(k.pk, k.sk); // once per request: several services of one request ask for it
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
