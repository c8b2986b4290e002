import type { QueryClient } from '@tanstack/react-query';

/** The cached lists a change can touch, by the first part of their keys. */
export type Topic =
  | 'villages'
  | 'village'
  | 'organizations'
  | 'organization'
  | 'pairings'
  | 'dashboard'
  | 'audit'
  | 'activities'
  | 'tenants'
  | 'me'
  | 'produce'
  | 'produce-item'
  | 'orders'
  | 'order'
  | 'commitments'
  | 'settlements'
  | 'payouts'
  | 'users'
  | 'notifications'
  | 'applications'
  | 'application'
  | 'campaigns';

export function invalidate(queryClient: QueryClient, ...topics: Topic[]) {
  return Promise.all(topics.map((t) => queryClient.invalidateQueries({ queryKey: [t] })));
}

/** A pairing's status moves coverage, counts and flags too (rules 1 and 2). */
export const PAIRING_TOPICS: Topic[] = ['pairings', 'villages', 'village', 'organizations', 'organization', 'dashboard', 'audit'];
