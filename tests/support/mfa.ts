import { Secret, TOTP, URI } from 'otpauth';

/**
 * Two-step verification as a script sees it (issue 15): the authenticator app's code for a secret
 * at a time, and enrolling a signed-in user through the API. The platform admin must always enrol,
 * so every harness and server test that signs it in goes through `enrolTotp` first.
 */
type Call = (method: string, path: string, token: string, body: unknown) => Promise<{ status: number; body: any }>;

export const totpCode = (secret: string, at: Date = new Date()): string =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

/** The secret of an otpauth:// address (as the app reads it from the QR code). */
export const secretOf = (otpauthUri: string): string => (URI.parse(otpauthUri) as TOTP).secret.base32;

/** Enrols the token's user (password again, then a code at `now`): its secret and recovery codes. */
export async function enrolTotp(call: Call, token: string, password: string, now: Date = new Date()): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await call('POST', '/api/me/mfa/totp', token, { password });
  if (started.status !== 200) throw new Error(`mfa start: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = secretOf(started.body.otpauthUri);
  const confirmed = await call('POST', '/api/me/mfa/totp/confirm', token, { code: totpCode(secret, now) });
  if (confirmed.status !== 200) throw new Error(`mfa confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Signs in; a user who must enrol first (the platform admin) is enrolled, and the same token then opens the API. */
export async function signInEnrolling(call: Call, email: string, password: string, now: Date = new Date()): Promise<string> {
  const res = await call('POST', '/api/auth/login', '', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.body.mfaEnrolmentRequired) await enrolTotp(call, res.body.token, password, now);
  return res.body.token;
}
