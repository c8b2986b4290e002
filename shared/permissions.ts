/**
 * The one role × action table. The HTTP layer checks it in a single middleware; record-level
 * checks (an org_member touches only its own organization's records) live in the services.
 */
export const ROLES = ['platform_admin', 'bureau_admin', 'org_member'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'tenant.create': ['platform_admin'],
  'tenant.list': ['platform_admin'],
  'user.create': ['platform_admin', 'bureau_admin'],
  // an org_member lists and invites colleagues of its own organization (checked in the service)
  'user.list': ['bureau_admin', 'org_member'],
  'user.invite': ['bureau_admin', 'org_member'],
  'user.disable': ['bureau_admin'],
  'application.read': ['bureau_admin'],
  'application.review': ['bureau_admin'],
  'settings.read': ['bureau_admin', 'org_member'],
  'settings.write': ['bureau_admin'],
  'village.read': ['bureau_admin', 'org_member'],
  'village.write': ['bureau_admin'],
  'organization.read': ['bureau_admin', 'org_member'],
  'organization.create': ['bureau_admin'],
  'organization.update': ['bureau_admin', 'org_member'],
  'organization.review': ['bureau_admin'],
  'pairing.read': ['bureau_admin', 'org_member'],
  'pairing.claim': ['bureau_admin', 'org_member'],
  'pairing.review': ['bureau_admin'],
  'activity.read': ['bureau_admin', 'org_member'],
  'activity.write': ['bureau_admin', 'org_member'],
  'audit.read': ['bureau_admin'],
  'dashboard.read': ['bureau_admin'],
  // consumption aid (消费扶贫): listings, orders, commitments (rule 9); record-level checks in the services
  'produce.read': ['bureau_admin', 'org_member'],
  'produce.write': ['bureau_admin', 'org_member'],
  'order.read': ['bureau_admin', 'org_member'],
  'order.fulfil': ['bureau_admin', 'org_member'],
  'order.refund': ['bureau_admin', 'org_member'],
  // settlement: a seller reads its own statement and payouts; the bureau pays
  'settlement.read': ['bureau_admin', 'org_member'],
  'payout.read': ['bureau_admin', 'org_member'],
  'payout.write': ['bureau_admin'],
  'commitment.read': ['bureau_admin', 'org_member'],
  'commitment.write': ['bureau_admin', 'org_member'],
  // donations, use of funds, recognition and concerns; record-level checks in the services
  'donation.read': ['bureau_admin', 'org_member'],
  'donation.write': ['bureau_admin', 'org_member'],
  'donation.refund': ['bureau_admin'],
  // a member's logged donation waits for the bureau to confirm (or reject) it
  'donation.review': ['bureau_admin'],
  'expenditure.read': ['bureau_admin'],
  'expenditure.write': ['bureau_admin'],
  'recognition.read': ['bureau_admin'],
  // the recognition categories, their thresholds and which organization each holds (rule 6)
  'recognition.write': ['bureau_admin'],
  // assessment (考核): an org_member reads its own scorecard (checked in the service); the bureau keeps schemes and scores
  'assessment.read': ['bureau_admin', 'org_member'],
  'assessment.write': ['bureau_admin'],
  'concern.read': ['bureau_admin'],
  'concern.write': ['bureau_admin'],
  // campaigns (扶贫日, 年货节): the bureau runs them; their public pages need no account
  'campaign.read': ['bureau_admin'],
  'campaign.write': ['bureau_admin'],
  // stories (典型经验): the bureau writes them up; their public pages need no account
  'story.read': ['bureau_admin'],
  'story.write': ['bureau_admin'],
  // the bureau's cockpit: weekly reports (rules 3, 10), visits (rule 4), village needs,
  // ledger export (rule 7) and imports; record-level checks in the services
  'report.read': ['bureau_admin', 'org_member'],
  'report.write': ['bureau_admin', 'org_member'],
  'compliance.read': ['bureau_admin'],
  'visit.read': ['bureau_admin'],
  'need.read': ['bureau_admin', 'org_member'],
  'need.write': ['bureau_admin', 'org_member'],
  'need.pledge': ['bureau_admin', 'org_member'],
  // closing a need as met although the pledges do not cover it, with a reason
  'need.close': ['bureau_admin'],
  'ledger.export': ['bureau_admin'],
  'import.write': ['bureau_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
