import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { tokenStore } from '../api/token';

/**
 * The console session, if this browser has one: a signed-in organization member's purchase
 * counts toward its organization's commitment (rule 9), and the cart says so. The shop never
 * sends anyone to sign in.
 */
export function useShopVisitor() {
  const token = tokenStore.get();
  const me = useQuery({
    queryKey: ['public', 'visitor', token],
    queryFn: () => call(api.me.$get()),
    enabled: token !== null,
    retry: false,
    staleTime: 5 * 60_000,
  });
  return { me: me.data };
}
