import type { Role } from '../../../../shared/permissions';
import { USER_EMAIL_KINDS, type UserEmailKind } from '../../../../shared/schemas/notifications';

/**
 * Which kinds can reach a role at all (shared/schemas/notifications.ts says who gets each): a
 * bureau never gets an organization's report reminder, so it is not offered a switch for one.
 */
const AUDIENCE: Record<UserEmailKind, readonly Role[]> = {
  application_received: ['bureau_admin'],
  pairing_claimed: ['bureau_admin'],
  pairing_approved: ['org_member'],
  pairing_rejected: ['org_member'],
  pairing_ended: ['org_member'],
  report_reminder: ['org_member'],
  report_ladder_warning: ['org_member'],
  report_ladder_blocked: ['org_member'],
  // the seller: an organization, or the bureau for its own listings
  order_paid: ['bureau_admin', 'org_member'],
  need_pledged: ['bureau_admin'],
  need_met: ['bureau_admin'],
  donation_logged: ['bureau_admin'],
  donation_reviewed: ['org_member'],
};

export function emailKindsFor(role: Role): UserEmailKind[] {
  return USER_EMAIL_KINDS.filter((k) => role === 'platform_admin' || AUDIENCE[k].includes(role));
}
