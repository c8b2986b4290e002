import { useMemo } from 'react';
import { usePublicProduceList } from '../../shop/api';
import { useTransparency } from '../../shop/charity-api';

export type DonateVillage = { id: string; name: string; township?: string };

/**
 * The villages a donor can choose: the transparency answer lists every village of the tenant; until
 * it answers (or if it fails) the villages seen in the shop's listings stand in.
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
  const loading = transparency.isPending && produce.isPending;
  return { villages, loading };
}
