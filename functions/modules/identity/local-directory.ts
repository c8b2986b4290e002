import type { LocalIssuer, LoginRegistry, UserDirectory } from '../../adapters/identity.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../adapters/passwords.js';
import { newId } from '../../store/ids.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { findUserByEmailUnscoped } from './store.js';

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

/** Local mode's directory: the server checks the stored hash and signs the token itself. */
export function localDirectory(global: TenantStore, issuer: LocalIssuer): UserDirectory {
  return {
    ...localLogins,
    async signIn(email, password) {
      const user = await findUserByEmailUnscoped(global, email);
      if (!user?.passwordHash) {
        await verifyPassword(password, DUMMY_HASH); // same time as a real check: do not reveal the email exists
        return null;
      }
      if (!(await verifyPassword(password, user.passwordHash))) return null;
      if (user.disabled) return null; // the bureau disabled it: no token, whatever the password
      const token = await issuer.sign({
        sub: user.id,
        tenantId: user.tenantId,
        role: user.role,
        organizationId: user.organizationId,
        email: user.email,
      });
      return { token };
    },
    async setPassword(_email, password) {
      return { passwordHash: await hashPassword(password) };
    },
    async setEnabled() {
      // the user item's `disabled` flag is the whole of it: sign-in and every request read it
    },
  };
}
