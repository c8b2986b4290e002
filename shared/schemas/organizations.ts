import { z } from 'zod';
import { creditCodeProblem } from '../credit-code.js';
import { Id, ListQuery, Phone, RequiredText } from './common.js';

export const ORG_KINDS = ['enterprise', 'social_org', 'public_institution'] as const;
export const OrgKind = z.enum(ORG_KINDS, { error: '组织类型无效' });
export const ORG_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export const OrgStatus = z.enum(ORG_STATUSES, { error: '状态无效' });

const CREDIT_MESSAGES = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）',
  check: '统一社会信用代码校验位不正确',
} as const;

export const CreditCode = z
  .string({ error: '请填写统一社会信用代码' })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_MESSAGES[problem], params: { problem } });
  })
  // GB 32100-2015 (shared/credit-code.ts): 18 characters of its set, the last a check character;
  // the input is trimmed and upper-cased before the check
  .meta({ minLength: 18, maxLength: 18, pattern: '^[0-9A-HJ-NP-RTUWXY]{18}$', example: '91620521MA0000000E' });

const OrganizationFields = z.object({
  name: RequiredText(100, '组织名称'),
  kind: OrgKind,
  creditCode: CreditCode,
  contactName: RequiredText(50, '联系人'),
  contactPhone: Phone,
  address: z.string().trim().max(200).optional(),
  description: z.string().trim().max(2000).optional(),
});

export const OrganizationInput = OrganizationFields;
export type OrganizationInput = z.infer<typeof OrganizationInput>;
export const OrganizationPatch = OrganizationFields.partial();
export type OrganizationPatch = z.infer<typeof OrganizationPatch>;

export const Organization = OrganizationFields.extend({
  id: Id,
  status: OrgStatus,
  statusReason: z.string().optional(),
  activePairings: z.number().int(),
  /** the Stripe connected account stripe_transfer payouts go to (set by the bureau only) */
  stripeAccountId: z.string().nullable().optional(),
  /** rule 6: the recognition category the bureau put it in (none: its kind's threshold applies) */
  recognitionCategoryId: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationQuery = ListQuery.extend({
  status: OrgStatus.optional(),
  kind: OrgKind.optional(),
});

/**
 * Identity fields: what the bureau vouches for when it approves an organization — its
 * registered name, credit code and kind (the kind puts it in a recognition category). An org_member's
 * change to them is a change request the bureau approves; contact fields apply at once.
 */
export const IDENTITY_FIELDS = ['name', 'kind', 'creditCode'] as const;
const Identity = OrganizationFields.pick({ name: true, kind: true, creditCode: true });
const Who = z.object({ id: z.string(), email: z.string() });
export const OrganizationChange = z.object({
  id: Id,
  organizationId: Id,
  /** superseded: replaced by the organization's next request before the bureau decided */
  status: z.enum(['pending', 'approved', 'rejected', 'superseded']),
  /** the identity fields when asked, and the ones asked for (only those that differ) */
  before: Identity,
  after: Identity.partial(),
  requestedBy: Who,
  requestedAt: z.string(),
  decidedBy: Who.optional(),
  decidedAt: z.string().optional(),
  reason: z.string().optional(),
});
export type OrganizationChange = z.infer<typeof OrganizationChange>;
/** A member's edit with identity fields: the rest applied, the identity part awaiting review (202). */
export const OrganizationEdited = z.object({ organization: Organization, change: OrganizationChange });

export const ReviewInput = z.object({ reason: z.string().trim().max(500).optional() });
export type ReviewInput = z.infer<typeof ReviewInput>;
