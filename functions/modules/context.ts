import type { Role } from '../../shared/permissions.js';
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
