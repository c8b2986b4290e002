import { z } from 'zod';
import { MOBILE_PHONE_PATTERN } from '../formats.js';
import { Id, RequiredText } from './common.js';

/**
 * An organization's helpers (帮扶责任人 / 帮扶队员): the people who go to the villages. Their phone is
 * a mainland mobile number, shown in full to the bureau and the organization's own members only and
 * masked (138****0000) anywhere else.
 */
export const HELPER_NAME_MAX = 50;
export const HELPER_ROLE_MAX = 50;
/** At most this many helpers on one pairing's team (one transaction checks each of them). */
export const MAX_TEAM_SIZE = 20;

export const HelperPhone = z.string({ error: '请填写手机号' }).trim().regex(MOBILE_PHONE_PATTERN, { error: '请填写 11 位中国大陆手机号' });

export const HelperInput = z.object({
  name: RequiredText(HELPER_NAME_MAX, '姓名'),
  role: RequiredText(HELPER_ROLE_MAX, '角色'),
  phone: HelperPhone.optional(),
});
export type HelperInput = z.infer<typeof HelperInput>;

/** An edit; `active: false` takes the helper off (kept: activities name it), `phone: null` clears the phone. */
export const HelperPatch = z.object({
  name: HelperInput.shape.name.optional(),
  role: HelperInput.shape.role.optional(),
  phone: HelperPhone.nullable().optional(),
  active: z.boolean({ error: '请选择是否在岗' }).optional(),
});
export type HelperPatch = z.infer<typeof HelperPatch>;

export const Helper = z.object({
  id: Id,
  organizationId: Id,
  name: z.string(),
  role: z.string(),
  phone: z.string().optional(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Helper = z.infer<typeof Helper>;

/** A helper as a team or a participant list names it: no phone. */
export const TeamMember = z.object({ id: Id, name: z.string(), role: z.string() });
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamInput = z.object({
  helperIds: z
    .array(Id, { error: '请选择帮扶队员' })
    .max(MAX_TEAM_SIZE, { error: `每个结对最多 ${MAX_TEAM_SIZE} 名帮扶队员` })
    .refine((ids) => new Set(ids).size === ids.length, { error: '帮扶队员不能重复' }),
});
export type TeamInput = z.infer<typeof TeamInput>;
