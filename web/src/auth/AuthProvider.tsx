import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../api/client';
import { onSessionExpired, tokenStore } from '../api/token';
import { AuthContext, type Auth } from './auth-context';
import { useMeQuery } from './me-query';

/** Holds the token, loads /api/me for it, and sends the user to sign-in when the token ends. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const [expired, setExpired] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const me = useMeQuery(token);

  useEffect(
    () =>
      // RequireAuth then sends the user to sign-in, remembering where they were
      onSessionExpired(() => {
        setToken(null);
        setExpired(true);
        queryClient.clear();
      }),
    [queryClient],
  );

  const startSession = useCallback(
    (next: string) => {
      tokenStore.set(next);
      queryClient.clear();
      setExpired(false);
      setToken(next);
    },
    [queryClient],
  );

  const signIn = useCallback(
    async (email: string, password: string, code?: string) => {
      const result = await call(api.auth.login.$post({ json: { email, password, ...(code ? { code } : {}) } }));
      startSession(result.token);
    },
    [startSession],
  );

  const signOut = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  }, [queryClient, navigate]);

  const value = useMemo<Auth>(() => ({ token, expired, me: me.data, signIn, startSession, signOut }), [token, expired, me.data, signIn, startSession, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
