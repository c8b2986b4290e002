import type { Tenant, User } from '../../../shared/schemas/identity.js';
import type { AppError } from '../../errors.js';
import { TenantStore, type TxItem } from '../../store/tenant-store.js';
import { tenantKey } from '../tenant/store.js';

/** `passwordHash` only in local mode: on AWS the password lives in Cognito (see UserDirectory). */
export type UserItem = User & {
  passwordHash?: string;
  createdAt: string;
  /** set by the bureau: its tokens stop working at once, it cannot sign in */ disabled?: boolean;
  disabledAt?: string;
} & MfaFields;

/**
 * Two-step verification on the user item (mfa.ts). Never returned by a route.
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

// Access pattern: a tenant by its public slug, and the list of tenants → global pk SLUG, sk <slug>.
export const slugKey = (store: TenantStore, slug: string) => ({ pk: store.globalPk('SLUG'), sk: slug });
// Access pattern: a user by id within the tenant → pk USER, sk <userId>.
export const userKey = (store: TenantStore, id: string) => ({ pk: store.pk('USER'), sk: id });
// Access pattern: sign-in by email, before the tenant is known → global pk LOGIN, sk <email>.
export const loginKey = (store: TenantStore, email: string) => ({ pk: store.globalPk('LOGIN'), sk: email });

export async function findLoginUnscoped(global: TenantStore, email: string): Promise<LoginEntry | null> {
  const k = loginKey(global, email);
  return global.get<LoginEntry>(k.pk, k.sk);
}

/** Sign-in's look-up: the login entry, then the user in the tenant it names. */
export async function findUserByEmailUnscoped(global: TenantStore, email: string): Promise<UserItem | null> {
  const entry = await findLoginUnscoped(global, email);
  if (!entry) return null;
  return getUser(global.forTenantUnscoped(entry.tenantId), entry.userId);
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

/** A new tenant's record and its slug's global entry; a slug already taken fails with `failWith`. */
export function putTenantTx(store: TenantStore, tenant: Tenant, failWith: AppError): TxItem[] {
  return [
    { Put: { Item: { ...tenantKey(store), ...tenant }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        Item: { ...slugKey(store, tenant.slug), tenantId: tenant.id, name: tenant.name },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      failWith,
    },
  ];
}

/** The tenant's record replaced (its settings changed): the tenant must exist. */
export function replaceTenantTx(store: TenantStore, tenant: Tenant): TxItem {
  return { Put: { Item: { ...tenantKey(store), ...tenant }, ConditionExpression: 'attribute_exists(pk)' } };
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

/** A user's new password hash (a reset link): the user must still exist. */
export function setPasswordHashTx(store: TenantStore, userId: string, passwordHash: string, at: string): TxItem {
  return {
    Update: {
      Key: userKey(store, userId),
      UpdateExpression: 'SET passwordHash = :h, passwordChangedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':h': passwordHash, ':at': at },
    },
  };
}

/** Disables a user (stamping when) or enables it again (dropping the stamp); the user must exist. */
export function setUserEnabledTx(store: TenantStore, userId: string, enabled: boolean, at: string): TxItem {
  return {
    Update: {
      Key: userKey(store, userId),
      UpdateExpression: enabled ? 'SET disabled = :d REMOVE disabledAt' : 'SET disabled = :d, disabledAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: enabled ? { ':d': false } : { ':d': true, ':at': at },
    },
  };
}

/**
 * An enrolment under way (mfa.ts): a second start replaces the first, so only the latest secret
 * can be confirmed; a user already enrolled fails with `failWith`.
 */
export function setMfaPendingTx(store: TenantStore, userId: string, pending: { handle: string; until: string }, failWith: AppError): TxItem {
  return {
    Update: {
      Key: userKey(store, userId),
      UpdateExpression: 'SET mfaPending = :p',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mfaEnabledAt)',
      ExpressionAttributeValues: { ':p': pending },
    },
    failWith,
  };
}

/**
 * Turns the second factor on: the recovery codes' hashes (`codes`, hash → at), locally the secret
 * and its last step, and the pending enrolment removed; on condition that the enrolment the code
 * confirmed (`handle`) is still the pending one and was not confirmed meanwhile.
 */
export function enableMfaTx(
  store: TenantStore,
  userId: string,
  handle: string,
  at: string,
  codes: Record<string, string>,
  kept: { totpSecret?: string; totpLastStep?: number },
  failWith: AppError,
): TxItem {
  const values: Record<string, unknown> = { ':at': at, ':codes': codes, ':h': handle };
  let set = 'SET mfaEnabledAt = :at, recoveryCodes = :codes';
  if (kept.totpSecret) {
    set += ', totpSecret = :s, totpLastStep = :step';
    values[':s'] = kept.totpSecret;
    values[':step'] = kept.totpLastStep ?? -1;
  }
  return {
    Update: {
      Key: userKey(store, userId),
      UpdateExpression: `${set} REMOVE mfaPending`,
      ConditionExpression: 'mfaPending.handle = :h AND attribute_not_exists(mfaEnabledAt)',
      ExpressionAttributeValues: values,
    },
    failWith,
  };
}

/** Uses up one recovery code (by its hash): removed only while it is there, so it signs in once. */
export function useRecoveryCodeTx(store: TenantStore, userId: string, hash: string, failWith: AppError): TxItem {
  return {
    Update: {
      Key: userKey(store, userId),
      UpdateExpression: 'REMOVE recoveryCodes.#h',
      ConditionExpression: 'attribute_exists(recoveryCodes.#h)',
      ExpressionAttributeNames: { '#h': hash },
    },
    failWith,
  };
}

/** Records the step of a two-step code that signed in; false when that step (or a later one) was used first. */
export function useTotpStep(store: TenantStore, userId: string, step: number): Promise<boolean> {
  return store.updateIf(userKey(store, userId), {
    set: 'SET totpLastStep = :s',
    condition: 'attribute_exists(mfaEnabledAt) AND (attribute_not_exists(totpLastStep) OR totpLastStep < :s)',
    values: { ':s': step },
  });
}

// Access pattern: sign-in failures of one email from one client → global pk LOGINFAIL, sk <email>#<client>.
export const loginPairKey = (email: string, client: string) => `${email.trim().toLowerCase()}#${client}`;
type LoginPair = { failures?: number; nextAllowedAt?: number };

export function getLoginPair(global: TenantStore, email: string, client: string): Promise<LoginPair | null> {
  return global.get<LoginPair>(global.globalPk('LOGINFAIL'), loginPairKey(email, client));
}

/** The pair's next allowed try moves to `at`; two failures at once: the later time wins, never an earlier one. */
export async function pushLoginPairWait(global: TenantStore, email: string, client: string, at: number): Promise<void> {
  await global.updateIf(
    { pk: global.globalPk('LOGINFAIL'), sk: loginPairKey(email, client) },
    { set: 'SET nextAllowedAt = :at', condition: 'attribute_not_exists(nextAllowedAt) OR nextAllowedAt < :at', values: { ':at': at } },
  );
}

export function clearLoginPair(global: TenantStore, email: string, client: string): Promise<void> {
  return global.delete(global.globalPk('LOGINFAIL'), loginPairKey(email, client));
}
