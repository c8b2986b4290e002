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

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await call(api.auth.login.$post({ json: { email, password } }));
    tokenStore.set(result.token);
    queryClient.clear();
    setExpired(false);
    setToken(result.token);
  }, [queryClient]);

  const signOut = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  }, [queryClient, navigate]);

  const value = useMemo<Auth>(() => ({ token, expired, me: me.data, signIn, signOut }), [token, expired, me.data, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
