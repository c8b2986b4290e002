import type { Tenant } from '../../../shared/schemas/identity.js';
import type { TenantStore } from '../../store/tenant-store.js';

// Access pattern: a tenant's own record → pk TENANT, sk TENANT.
export const tenantKey = (store: TenantStore) => ({ pk: store.pk('TENANT'), sk: 'TENANT' });

/** The tenant's record as stored (its settings may be partly unset: read them through settings.ts). */
export async function getTenant(store: TenantStore): Promise<Tenant | null> {
  const k = tenantKey(store);
  // once per request: several services of one request ask for it
  const item = await store.getOnce<Tenant & { pk?: string; sk?: string }>(k.pk, k.sk);
  if (!item) return null;
  // the store's keys stay in the store: GET /api/settings must not answer with them
  const { pk: _pk, sk: _sk, ...tenant } = item;
  return tenant;
}
