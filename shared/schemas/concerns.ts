import { z } from 'zod';
import { Id, ListQuery } from './common.js';

export const CONCERN_SUBJECT_KINDS = ['village', 'organization', 'produce'] as const;
export const ConcernSubjectKind = z.enum(CONCERN_SUBJECT_KINDS, { error: '举报对象类型无效' });
export const CONCERN_STATUSES = ['open', 'investigating', 'resolved', 'dismissed'] as const;
export const ConcernStatus = z.enum(CONCERN_STATUSES, { error: '状态无效' });

/** open → investigating → resolved | dismissed; open may be resolved or dismissed directly; closed is final. */
export const CONCERN_TRANSITIONS: Record<ConcernStatus, readonly ConcernStatus[]> = {
  open: ['investigating', 'resolved', 'dismissed'],
  investigating: ['resolved', 'dismissed'],
  resolved: [],
  dismissed: [],
};
export type ConcernStatus = z.infer<typeof ConcernStatus>;

export const MAX_CONCERN_CHARS = 2000;

export const ConcernSubject = z.object({ kind: ConcernSubjectKind, id: Id });
export type ConcernSubject = z.infer<typeof ConcernSubject>;

/** POST /api/public/:tenantSlug/concerns — anyone, no account; never shown publicly. */
export const ConcernInput = z.object({
  subject: ConcernSubject,
  text: z
    .string({ error: '请填写举报内容' })
    .trim()
    .min(1, { error: '请填写举报内容' })
    .max(MAX_CONCERN_CHARS, { error: `举报内容不能超过 ${MAX_CONCERN_CHARS} 个字` }),
  contact: z.string().trim().max(100, { error: '联系方式不能超过 100 个字' }).optional(),
});
export type ConcernInput = z.infer<typeof ConcernInput>;

/** A concern's ticket number: `<TENANT SLUG UPPER-CASED>-T-YYYYMMDD-NNNN`, a per-tenant daily sequence. */
export const TicketNo = z
  .string({ error: '请填写受理编号' })
  .trim()
  .toUpperCase()
  .max(100, { error: '受理编号格式不正确（如 DEMO-T-20261207-0001）', abort: true })
  .regex(/^[A-Z0-9][A-Z0-9-]{0,63}-T-\d{8}-\d{4,}$/, { error: '受理编号格式不正确（如 DEMO-T-20261207-0001）' });

/** The concern, its ticket number and the token of its status page — returned once, stored only hashed. */
export const ConcernCreated = z.object({ concernId: Id, ticketNo: z.string(), statusToken: z.string() });

export const Concern = z.object({
  id: Id,
  /** the ticket number (concerns filed before issue 16 have none: their ticket is the id's last 8 characters) */
  ticketNo: z.string().optional(),
  subject: ConcernSubject,
  /** the subject's name at submission (village, organization or listing) */
  subjectName: z.string(),
  /** the village the concern counts toward on the public page (null for an organization) */
  villageId: z.string().nullable(),
  text: z.string(),
  contact: z.string().nullable(),
  status: ConcernStatus,
  /** the bureau's reply, meant for the reporter: emailed to it and shown on its status page (never on the public pages) */
  resolution: z.string().nullable(),
  /** when `resolution` was last written */
  repliedAt: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Concern = z.infer<typeof Concern>;

export const ConcernQuery = ListQuery.extend({
  status: ConcernStatus.optional(),
  villageId: Id.optional(),
  /** the concern with this ticket number (exact match, case-insensitive) */
  ticketNo: TicketNo.optional(),
});

/**
 * GET /api/public/:tenantSlug/concerns/:id (header X-Status-Token): the reporter's view — its ticket,
 * the subject's name, where it stands and the bureau's reply; never the text, the contact or the trail.
 */
export const PublicConcern = z.object({
  id: Id,
  ticketNo: z.string(),
  subjectKind: ConcernSubjectKind,
  subjectName: z.string(),
  /** open (received) → investigating → resolved | dismissed */
  status: ConcernStatus,
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type PublicConcern = z.infer<typeof PublicConcern>;

export const ConcernPatch = z
  .object({
    status: ConcernStatus.optional(),
    resolution: z.string().trim().max(2000, { error: '处理结果不能超过 2000 个字' }).optional(),
  })
  .refine((p) => p.status !== undefined || p.resolution !== undefined, { message: '没有要修改的内容' });
export type ConcernPatch = z.infer<typeof ConcernPatch>;
