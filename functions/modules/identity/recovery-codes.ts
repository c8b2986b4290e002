import { createHash, randomInt } from 'node:crypto';
import { AppError } from '../../errors.js';
import { TenantStore } from '../../store/tenant-store.js';
import { auditPutBy } from '../audit/store.js';
import { useRecoveryCodeTx, type UserItem } from './store.js';

/**
 * Recovery codes: ten at enrolment, shown once, each signing in once in place of the
 * authenticator's code. 12 characters of an alphabet without look-alikes (~59 bits), written
 * xxxx-xxxx-xxxx; only a hash salted with the user's id is kept.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const normalize = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

export const hashRecoveryCode = (userId: string, code: string) =>
  createHash('sha256')
    .update(`${userId}:${normalize(code)}`)
    .digest('hex');

/** Looks like a recovery code (not a 6-digit TOTP code). */
export const isRecoveryCodeShaped = (code: string) => /^[a-z0-9]{12}$/.test(normalize(code));

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  });
}

/**
 * Uses up one of the user's recovery codes: removed on condition it is still there, so two
 * sign-ins with the same code cannot both succeed; audited in the same transaction. False for a
 * code that is not (or no longer) one of them.
 */
export async function useRecoveryCodeUnscoped(global: TenantStore, user: UserItem, code: string, now: Date): Promise<boolean> {
  if (!isRecoveryCodeShaped(code)) return false;
  const hash = hashRecoveryCode(user.id, code);
  if (!user.recoveryCodes?.[hash]) return false;
  const store = global.forTenantUnscoped(user.tenantId);
  const used = new AppError('unauthenticated', 401, '验证码不正确');
  await store.transact([
    useRecoveryCodeTx(store, user.id, hash, used),
    auditPutBy({ store, now, actor: { id: user.id, email: user.email, role: user.role } }, 'user', user.id, 'use_recovery_code', null, {
      recoveryCodesLeft: Object.keys(user.recoveryCodes).length - 1,
    }),
  ]);
  return true;
}
