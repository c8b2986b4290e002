import type { Role } from '../../../shared/permissions.js';
import { AppError } from '../../errors.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { type UserItem } from './store.js';
import { getTenant } from '../tenant/store.js';

/**
 * Who must sign in with two-step verification: a platform admin always; a bureau admin
 * when its tenant's `mfaRequiredForBureauAdmins` says so; nobody else (each may turn it on).
 */
export async function mfaRequired(store: TenantStore, role: Role): Promise<boolean> {
  if (role === 'platform_admin') return true;
  if (role !== 'bureau_admin') return false;
  return (await getTenant(store))?.mfaRequiredForBureauAdmins === true;
}

/** Required and not set up yet: such a session may set it up and nothing else. */
export async function mustEnrolMfa(store: TenantStore, user: UserItem): Promise<boolean> {
  return !user.mfaEnabledAt && (await mfaRequired(store, user.role));
}

/** What every route but /api/me and /api/me/mfa/* answers such a session. */
export const mfaEnrolmentRequired = () => new AppError('mfa_enrolment_required', 403, '请先设置两步验证，再使用系统');

/** The routes such a session may call: who it is, and the enrolment itself. */
export const MFA_ENROLMENT_PATHS = /^\/api\/me(\/mfa(\/[^/]*)*)?$/;
