import { z } from 'zod';
import { Email, Role } from './identity.js';
import { Id, ListQuery, Phone, RequiredText } from './common.js';
import { CreditCode, OrgKind } from './organizations.js';

/**
 * Accounts: invitations, password resets, the users list, and organizations applying to
 * join. Tokens travel only in links; the table keeps their SHA-256.
 */

/** A password: at least 10 characters, not the account's email (checked where the email is known). */
export const NewPassword = z.string({ error: '请填写密码' }).min(10, { error: '密码至少 10 位' }).max(200, { error: '密码不能超过 200 位' });

export const PasswordInput = z.object({ password: NewPassword });
export type PasswordInput = z.infer<typeof PasswordInput>;

/** An invitation link's token, or a reset link's: 43 base64url characters (32 random bytes). */
export const LinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: '链接无效' });

export const INVITABLE_ROLES = ['bureau_admin', 'org_member'] as const;
export const InvitationInput = z.object({
  email: Email,
  role: z.enum(INVITABLE_ROLES, { error: '角色无效' }),
  organizationId: Id.optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
});
export type InvitationInput = z.infer<typeof InvitationInput>;

export const Invitation = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  organizationId: z.string().optional(),
  organizationName: z.string().optional(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

/** What the invitation page shows before the password is set (GET /api/auth/invitations/:token). */
export const InvitationPreview = z.object({
  email: z.string(),
  role: Role,
  tenantName: z.string(),
  organizationName: z.string().optional(),
  expiresAt: z.string(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const PasswordResetRequest = z.object({ email: Email, locale: z.enum(['zh-CN', 'en']).optional() });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const USER_STATUSES = ['active', 'disabled', 'invited'] as const;
export const UserRow = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  tenantId: z.string(),
  organizationId: z.string().optional(),
  organizationName: z.string().optional(),
  /** invited: the invitation is out and the password not yet set (id is the invitation's) */
  status: z.enum(USER_STATUSES),
  createdAt: z.string().optional(),
  /** for invited rows: when the link stops working */
  expiresAt: z.string().optional(),
});
export type UserRow = z.infer<typeof UserRow>;

export const UserQuery = ListQuery.extend({
  organizationId: Id.optional(),
  status: z.enum(USER_STATUSES, { error: '状态无效' }).optional(),
});

// ---- applications (申请加入) ----

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES, { error: '状态无效' });

export const MAX_APPLICATION_DOCUMENTS = 3;
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** The form's fields (multipart: these as text fields, `villageIds` repeated, `documents` as files). */
export const ApplicationFields = z.object({
  name: RequiredText(100, '组织名称'),
  kind: OrgKind,
  creditCode: CreditCode,
  contactName: RequiredText(50, '联系人'),
  contactPhone: Phone,
  email: Email,
  villageIds: z.array(Id).max(20, { error: '最多选择 20 个村' }).default([]),
  description: z.string().trim().max(2000, { error: '简介不能超过 2000 个字' }).optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
});
export type ApplicationFields = z.infer<typeof ApplicationFields>;

export const ApplicationCreated = z.object({ applicationId: Id, statusToken: z.string() });

export const ApplicationDocument = z.object({
  id: Id,
  fileName: z.string(),
  contentType: z.enum(DOCUMENT_TYPES),
  bytes: z.number().int(),
  /** the bureau's short-lived link to the file (never public) */
  url: z.string().optional(),
});

/** What the applicant sees with its status token. */
export const ApplicationStatusView = z.object({
  id: Id,
  name: z.string(),
  status: ApplicationStatus,
  reason: z.string().optional(),
  createdAt: z.string(),
  decidedAt: z.string().optional(),
});
export type ApplicationStatusView = z.infer<typeof ApplicationStatusView>;

export const Application = z.object({
  id: Id,
  name: z.string(),
  kind: OrgKind,
  creditCode: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  email: z.string(),
  villageIds: z.array(z.string()),
  villages: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  description: z.string().optional(),
  status: ApplicationStatus,
  reason: z.string().optional(),
  organizationId: z.string().optional(),
  documents: z.array(ApplicationDocument),
  createdAt: z.string(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
});
export type Application = z.infer<typeof Application>;

export const ApplicationQuery = ListQuery.extend({ status: ApplicationStatus.optional() });
export const DecisionInput = z.object({ reason: z.string().trim().max(500, { error: '理由不能超过 500 个字' }).optional() });
