import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) as authenticator apps speak it: SHA-1, 6 digits, 30-second steps. Local mode
 * checks codes itself (local-directory.ts); on AWS Cognito does, and this module only writes the
 * otpauth:// address of the secret Cognito made.
 */
export const TOTP_ISSUER = 'Bangfu 帮扶';
const PERIOD = 30;

const totp = (secret: string, label = '') =>
  new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** A new shared secret: 160 random bits, base32 (what the apps take by hand). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// address an authenticator app scans, naming the account by its email. */
export const otpauthUri = (secret: string, email: string): string => totp(secret, email).toString();

/**
 * The time step a code belongs to, if it is the code of the step holding `now` or of the one just
 * before or after (clocks drift; a code typed at a step's end arrives in the next); null for a
 * wrong code, and for a code of a step at or before `lastStep`: a code signs in once.
 */
export function acceptTotp(secret: string, code: string, now: Date, lastStep = -1): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = totp(secret);
  const delta = t.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = t.counter({ timestamp: now.getTime() }) + delta;
  return step > lastStep ? step : null;
}
