import { createContext, useContext } from 'react';
import type { Me } from '../../../shared/schemas/identity';

export type Auth = {
  token: string | null;
  /** The last session ended because the server refused its token (not a sign-out). */
  expired: boolean;
  me: Me | undefined;
  /** `code`: the authenticator's code (or a recovery code) once two-step verification is on */
  signIn: (email: string, password: string, code?: string) => Promise<void>;
  /** Starts a session from a token the API handed over another way (an accepted invitation). */
  startSession: (token: string) => void;
  signOut: () => void;
};

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user; only inside routes that RequireAuth guards. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe before the user is known');
  return me;
}
