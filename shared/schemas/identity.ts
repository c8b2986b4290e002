import { z } from 'zod';
import { isValidTimeZone } from '../dates.js';
import { ROLES } from '../permissions.js';
import { Id, RequiredText } from './common.js';
import { RecognitionThresholds } from './transparency.js';

export const Role = z.enum(ROLES, { error: '角色无效' });

export const Email = z
  .string({ error: '请填写邮箱' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: '邮箱格式不正确' }).max(200))
  // the pipe's output checks are not in the document by themselves
  .meta({ format: 'email', maxLength: 200 });

export const LoginInput = z.object({
  email: Email,
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(200),
  /**
   * Issue 15: once two-step verification is on, the 6-digit code of the authenticator app, or one
   * of the recovery codes in its place (401 `mfa_required` without it).
   */
  code: z.string({ error: '验证码格式不正确' }).trim().max(40, { error: '验证码格式不正确' }).optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const User = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  tenantId: z.string(),
  organizationId: z.string().optional(),
});
export type User = z.infer<typeof User>;

export const Me = User.extend({
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string(), timeZone: z.string() }).optional(),
  organizationName: z.string().optional(),
  /** Issue 15: the caller's two-step verification; `required` and not `enabled`: every other route is a 403 `mfa_enrolment_required` */
  mfa: z.object({ enabled: z.boolean(), required: z.boolean() }).optional(),
});
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({
  token: z.string(),
  user: User,
  /** Issue 15: the user must set up two-step verification first; until then the token opens only /api/me and /api/me/mfa/* */
  mfaEnrolmentRequired: z.boolean().optional(),
});
export type LoginResult = z.infer<typeof LoginResult>;

export const ReportDeadline = z.object({
  weekday: z.number({ error: '星期必须是 0–6 的整数' }).int().min(0).max(6, { error: '星期必须是 0–6 的整数' }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:MM' }),
});
export type ReportDeadline = z.infer<typeof ReportDeadline>;

export const TimeZone = z
  .string()
  .max(64, { error: '不是有效的时区', abort: true })
  .refine(isValidTimeZone, { message: '不是有效的时区' })
  .meta({ description: 'An IANA time zone name (the runtime’s Intl accepts it)', example: 'Asia/Shanghai' });

export const TenantSettings = z.object({
  timeZone: TimeZone,
  reportDeadline: ReportDeadline,
  maxActivePairingsPerOrg: z.number().int().min(1, { error: '至少为 1' }).max(100, { error: '最多为 100' }),
  /** rule 4: a visit by fewer people does not count as the quarter's visit; absent reads DEFAULT_MIN_VISIT_TEAM_SIZE (2) */
  minVisitTeamSize: z
    .number({ error: '走访最少人数必须是整数' })
    .int({ error: '走访最少人数必须是整数' })
    .min(1, { error: '走访最少人数至少为 1' })
    .max(10, { error: '走访最少人数最多为 10' })
    .optional(),
  /**
   * Settlement: the payment fee charged to sellers without a Stripe key, in basis points of each
   * paid order (100 = 1%); absent reads 0. With a key Stripe's own fee is taken instead.
   */
  paymentFeeRateBps: z
    .number({ error: '费率必须是整数（万分之一）' })
    .int({ error: '费率必须是整数（万分之一）' })
    .min(0, { error: '费率不能为负数' })
    .max(1000, { error: '费率最多 10%' })
    .optional(),
  /**
   * Issue 14: when organizations that have not filed the week's report are reminded, in the
   * tenant's zone (weekday 0 = Sunday … 6, 'HH:MM'), each at its first such moment after the week
   * ends and before the deadline; absent reads Monday 09:00 and the deadline's day at 12:00.
   */
  reportReminders: z.array(ReportDeadline, { error: '提醒时间格式不正确' }).max(4, { error: '最多设置 4 个提醒时间' }).optional(),
  /** rule 6: fen per organization kind; absent on older tenants, read with DEFAULT_RECOGNITION_THRESHOLDS */
  recognitionThresholds: RecognitionThresholds.optional(),
  /**
   * Issue 15: bureau admins must sign in with two-step verification. On for tenants made by
   * POST /api/admin/tenants unless the body says otherwise; absent (older tenants) reads off.
   */
  mfaRequiredForBureauAdmins: z.boolean({ error: '请选择是或否' }).optional(),
});
export type TenantSettings = z.infer<typeof TenantSettings>;

export const TenantInput = z.object({
  slug: z.string({ error: '请填写标识' }).regex(/^[a-z][a-z0-9-]{1,39}$/, { error: '标识只能含小写字母、数字和短横线，以字母开头' }),
  name: RequiredText(100, '名称'),
  region: RequiredText(100, '地区'),
  timeZone: TimeZone.optional(),
  reportDeadline: ReportDeadline.optional(),
  maxActivePairingsPerOrg: TenantSettings.shape.maxActivePairingsPerOrg.optional(),
  /** default true */
  mfaRequiredForBureauAdmins: TenantSettings.shape.mfaRequiredForBureauAdmins,
});
export type TenantInput = z.infer<typeof TenantInput>;

export const Tenant = TenantSettings.extend({
  id: Id,
  slug: z.string(),
  name: z.string(),
  region: z.string(),
  createdAt: z.string(),
});
export type Tenant = z.infer<typeof Tenant>;

export const SettingsPatch = TenantSettings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const UserInput = z.object({
  email: Email,
  password: z.string({ error: '请填写密码' }).min(10, { error: '密码至少 10 位' }).max(200),
  role: Role,
  organizationId: Id.optional(),
  tenantId: Id.optional(),
});
export type UserInput = z.infer<typeof UserInput>;
