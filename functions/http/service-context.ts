import type { Context } from 'hono';
import type { ServiceContext } from '../modules/context.js';
import { globalStoreUnscoped, TenantStore } from '../store/tenant-store.js';
import type { Env } from './context.js';

/** The service's view of a request: caller, tenant-scoped store, now. */
export function serviceContext(c: Context<Env>): ServiceContext {
  return { store: c.get('store'), caller: c.get('caller'), now: c.get('deps').clock() };
}

/**
 * The table's global namespace (login and slug indexes, rate windows, links), for the few routes
 * that act before a tenant is known: sign-in, links in emails, the tenant list. Unscoped: the
 * service it is handed to finds the tenant from a global index and scopes itself.
 */
export function globalStore(c: Context<Env>): TenantStore {
  const deps = c.get('deps');
  return globalStoreUnscoped(deps.doc, deps.tableName);
}

/** A tenant's store for a route that learnt the tenant from a signed record (the local checkout page's session). */
export function tenantStoreOf(deps: Pick<Env['Variables']['deps'], 'doc' | 'tableName'>, tenantId: string): TenantStore {
  return new TenantStore(deps.doc, deps.tableName, tenantId);
}
