import type { Role } from '../../shared/permissions.js';
import type { Tenant } from '../../shared/schemas/identity.js';
import type { TenantStore } from '../store/tenant-store.js';

/** Who is calling: from the token's claims, never from the body or the path. */
export type Caller = {
  userId: string;
  email: string;
  role: Role;
  tenantId: string;
  organizationId?: string;
};

/** What every service function gets: the caller, its tenant-scoped store, and now. */
export type ServiceContext = { store: TenantStore; caller: Caller; now: Date };

/** What a public (no account) request works with: the tenant named by the path's slug, its store, now. */
export type PublicContext = {
  store: TenantStore;
  tenant: Pick<Tenant, 'id' | 'slug' | 'name' | 'region' | 'timeZone'>;
  now: Date;
  /** where the web app is served: PUBLIC_URL, else this request's origin */
  origin: string;
};

/** What a public read that names the tenant only by id and slug works with (no tenant record read). */
export type PublicRef = Pick<PublicContext, 'store' | 'now' | 'origin'> & { tenant: Pick<Tenant, 'id' | 'slug'> };
