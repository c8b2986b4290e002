import { useQueries } from '@tanstack/react-query';
import type { PublicProduce } from '../../../../shared/schemas/produce';
import { ApiError } from '../../api/errors';
import { fetchPublicProduce } from '../../shop/api';
import type { CartLine } from '../../shop/cart';

export type LiveLine = CartLine & {
  /** the listing as the shop sells it now; undefined while loading or when it is gone */
  live?: PublicProduce;
  /** unpublished or deleted since it was added */
  gone: boolean;
  loading: boolean;
};

/** Each cart line with its listing read again: today's price, today's stock, or gone. */
export function useLiveLines(slug: string, lines: CartLine[]): LiveLine[] {
  const results = useQueries({
    queries: lines.map((l) => ({
      queryKey: ['public', slug, 'produce-item', l.produceId],
      queryFn: () => fetchPublicProduce(slug, l.produceId),
      staleTime: 10_000,
    })),
  });
  return lines.map((l, i) => {
    const r = results[i];
    const gone = r?.error instanceof ApiError && r.error.status === 404;
    const live = r?.data;
    return {
      ...l,
      live,
      gone,
      loading: !!r?.isPending,
      priceFen: live?.priceFen ?? l.priceFen,
      name: live?.name ?? l.name,
      township: live?.township ?? l.township,
    };
  });
}
