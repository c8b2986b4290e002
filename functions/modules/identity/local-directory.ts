import type { Clock } from '../../adapters/clock.js';
import type { LocalIssuer, LoginRegistry, UserDirectory } from '../../adapters/identity.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../adapters/passwords.js';
import { newId } from '../../store/ids.js';
import { TenantStore } from '../../store/tenant-store.js';
import { findUserByEmailUnscoped, useTotpStep, type UserItem } from './store.js';
import { acceptTotp, newTotpSecret } from './totp.js';

/**
 * Local mode's logins: the scrypt hash rides on the user item, so there is nothing outside the
 * table to create or to undo, and a duplicate email is caught by the user's own transaction.
 */
export const localLogins: LoginRegistry = {
  async createLogin(_user, password) {
    return { userId: newId('usr'), passwordHash: await hashPassword(password) };
  },
  async deleteLogin() {
    // the hash was only ever part of the user item whose write failed
  },
};

/**
 * Local mode's directory: the server checks the stored hash (and the TOTP code) and
 * signs the token itself. `clock` is the app's, so tests can set the time codes are checked at.
 */
export function localDirectory(global: TenantStore, issuer: LocalIssuer, clock: Clock = () => new Date()): UserDirectory {
  /** The enabled user whose password this is, or null (the same time either way). */
  async function checkPassword(email: string, password: string): Promise<UserItem | null> {
    const user = await findUserByEmailUnscoped(global, email);
    if (!user?.passwordHash) {
      await verifyPassword(password, DUMMY_HASH); // same time as a real check: do not reveal the email exists
      return null;
    }
    if (!(await verifyPassword(password, user.passwordHash))) return null;
    if (user.disabled) return null; // the bureau disabled it: no token, whatever the password
    return user;
  }

  const tokenFor = async (user: UserItem) => ({
    token: await issuer.sign({ sub: user.id, tenantId: user.tenantId, role: user.role, organizationId: user.organizationId, email: user.email }),
  });

  /** Records the step of a code that signs in; false when another sign-in used it (or a later one) first. */
  async function useStep(user: UserItem, step: number): Promise<boolean> {
    return useTotpStep(global.forTenantUnscoped(user.tenantId), user.id, step);
  }

  return {
    ...localLogins,
    async signIn(email, password, code) {
      const user = await checkPassword(email, password);
      if (!user) return null;
      if (user.mfaEnabledAt && user.totpSecret) {
        if (!code) return { secondFactor: 'required' };
        const step = acceptTotp(user.totpSecret, code, clock(), user.totpLastStep);
        if (step === null || !(await useStep(user, step))) return { secondFactor: 'wrong' };
      }
      return tokenFor(user);
    },
    async signInWithRecovery(email, password) {
      const user = await checkPassword(email, password);
      return user ? tokenFor(user) : null;
    },
    async startTotp(email, password) {
      if (!(await checkPassword(email, password))) return null;
      const secret = newTotpSecret();
      // locally the pending enrolment is the new secret itself, kept on the user item until confirmed
      return { secret, pending: secret };
    },
    async confirmTotp(_email, pending, code) {
      const step = acceptTotp(pending, code, clock());
      return step === null ? null : { totpSecret: pending, totpLastStep: step };
    },
    async setPassword(_email, password) {
      return { passwordHash: await hashPassword(password) };
    },
    async setEnabled() {
      // the user item's `disabled` flag is the whole of it: sign-in and every request read it
    },
  };
}
