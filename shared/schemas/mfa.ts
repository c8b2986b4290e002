import { z } from 'zod';

// Issue 15: enrolling in two-step verification (TOTP). Apart from identity.ts: only the ledger
// function (which serves /api/me/mfa/*) and the web build these schemas, never the api bundle.

/** Issue 15: starting two-step verification asks for the password again (a stolen token alone cannot enrol an authenticator). */
export const TotpEnrolInput = z.object({
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(200),
});
export type TotpEnrolInput = z.infer<typeof TotpEnrolInput>;

export const TotpEnrolment = z.object({
  /** otpauth://totp/… for the authenticator app */
  otpauthUri: z.string(),
  /** the shared secret (base32), for typing in by hand */
  secret: z.string(),
  /** the URI as a QR code: a data:image/png;base64 URL */
  qrPng: z.string().optional(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpCode = z
  .string({ error: '请填写验证码' })
  .trim()
  .regex(/^\d{6}$/, { error: '验证码是 6 位数字' });

export const TotpConfirmInput = z.object({ code: TotpCode });
export type TotpConfirmInput = z.infer<typeof TotpConfirmInput>;

export const TotpConfirmed = z.object({
  /** shown once: each signs in once in place of a code; only their hashes are kept */
  recoveryCodes: z.array(z.string()),
});
export type TotpConfirmed = z.infer<typeof TotpConfirmed>;
