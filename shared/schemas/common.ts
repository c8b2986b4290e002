import { z } from 'zod';

export const Id = z.string().min(1).max(64);

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.any().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One wrong field in a 400: its path, the zod issue code and a Chinese message. */
export type FieldError = { path: string; code: string; message: string };

export const ListQuery = z.object({
  limit: z.coerce
    .number({ error: 'limit 必须是数字' })
    .int({ error: 'limit 必须是整数' })
    .min(1, { error: 'limit 最小为 1' })
    .max(100, { error: 'limit 最大为 100' })
    .default(50),
  cursor: z.string().max(2000).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export function Page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

export const BoolString = z.enum(['true', 'false'], { error: '只能是 true 或 false' });

/** Mainland mobile (13812345678) or landline (0938-1234567). */
export const Phone = z
  .string({ error: '请填写电话' })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '电话号码格式不正确' });

export const RequiredText = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

export const Count = (label: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined || iss.input === null ? `请填写${label}` : `${label}必须是数字`) })
    .int({ error: `${label}必须是整数` })
    .nonnegative({ error: `${label}不能为负数` })
    .max(10_000_000, { error: `${label}过大` });

/** Masks a phone number for surfaces other than its owner's: 138****5678. */
export function maskPhone(phone: string | undefined | null): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/**
 * A link a person may click (evidence of a met need, of an expenditure): http or https only, so a
 * `javascript:`, `data:` or `file:` URL is refused at the door.
 */
export const WebUrl = (message: string) => z.url({ protocol: /^https?$/, error: message }).max(500, { error: '链接不能超过 500 个字符' });
