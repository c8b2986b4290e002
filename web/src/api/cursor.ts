import { useInfiniteQuery } from '@tanstack/react-query';

type PageOf<T> = { items: T[]; nextCursor: string | null };

/**
 * A cursor-paged list (the API's {items, nextCursor}) as one growing array.
 * `fetchPage(cursor)` makes the typed call; the key names the list and its filters.
 */
export function useCursorList<T>(queryKey: readonly unknown[], fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}
