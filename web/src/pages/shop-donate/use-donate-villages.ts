import { useMemo } from 'react';
import { usePublicProduceList } from '../../shop/api';
import { useTransparency } from '../../shop/charity-api';

export type DonateVillage = { id: string; name: string; township?: string };

/**
 * The villages a donor can choose: the transparency answer lists every village of the tenant; if it
 * fails, the villages seen in the shop's listings stand in.
 */
export function useDonateVillages(slug: string) {
  const transparency = useTransparency(slug);
  const produce = usePublicProduceList(slug, {});
  const villages = useMemo<DonateVillage[]>(() => {
    if (transparency.data?.villages?.length) return transparency.data.villages.map((v) => ({ id: v.villageId, name: v.name, township: v.township }));
    const seen = new Map<string, DonateVillage>();
    for (const p of produce.items) if (!seen.has(p.villageId)) seen.set(p.villageId, { id: p.villageId, name: p.villageName, township: p.township });
    return [...seen.values()];
  }, [transparency.data, produce.items]);
  // wait for the full list: showing the listings' few villages first and then the full list moved
  // everything below (layout shift 0.1); the listings stand in only if transparency fails
  const loading = transparency.isPending || (transparency.isError && produce.isPending);
  return { villages, loading };
}
