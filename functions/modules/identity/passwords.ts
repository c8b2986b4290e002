import { AppError } from '../../errors.js';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.js';

/**
 * What a new password must be: at least 10 characters (NewPassword in
 * shared/schemas/accounts.ts, so the form says it before the server does), not the account's email
 * or the email's name part, not one character over and over, and not in the list of common
 * passwords shipped with the code (common-passwords.ts), whatever its letter case. Every place that
 * sets a password calls it: accepting an invitation, a password reset, POST /api/users, the
 * create-admin script.
 */
let common: ReadonlySet<string> | null = null;
const commonPasswords = () => (common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n')));

export function weakPasswordReason(email: string, password: string): string | null {
  const p = password.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  if (p === e || p === e.split('@')[0]) return '密码不能与邮箱相同';
  if (/^(.)\1*$/u.test(p)) return '密码不能是同一个字符的重复';
  if (commonPasswords().has(p)) return '这个密码太常见，容易被猜中，请换一个';
  return null;
}

/** 400 on `password` (with the reason in Chinese) unless the password may be set for this email. */
export function assertNewPassword(email: string, password: string, path = 'password'): void {
  const reason = weakPasswordReason(email, password);
  if (reason) throw AppError.field(path, reason);
}
