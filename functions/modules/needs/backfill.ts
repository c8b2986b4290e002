import { dateInZone } from '../../../shared/dates.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { NEEDS_ORG_BACKFILLED, onceBehindMarker } from '../counters/store.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { allNeedRecords, needOrgShares, setNeedsByOrgTx, withOrgMonths, type OrgNeedMonths } from './store.js';

/**
 * Each organization's needs taken on and met per month, recounted from the need records (what the
 * NEEDS_ORG columns must equal): a need counts once for each organization that pledged it, in the
 * month of that organization's first pledge (tenant's time zone), as met when the need is met; a
 * withdrawn need counts for no one.
 */
export async function recountNeedsByOrg(store: TenantStore): Promise<Map<string, OrgNeedMonths>> {
  const timeZone = await tenantTimeZone(store);
  const monthOf = (iso: string) => dateInZone(new Date(iso), timeZone).slice(0, 7);
  const out = new Map<string, OrgNeedMonths>();
  for (const r of await allNeedRecords(store)) {
    for (const [orgId, s] of needOrgShares(withOrgMonths(r, monthOf))) {
      const months = out.get(orgId) ?? new Map<string, { pledged: number; met: number }>();
      out.set(orgId, months);
      const cell = months.get(s.month) ?? { pledged: 0, met: 0 };
      cell.pledged += 1;
      if (s.met) cell.met += 1;
      months.set(s.month, cell);
    }
  }
  return out;
}

/** The one-off migration: every organization's NEEDS_ORG columns written from the need records, once per tenant. */
export async function backfillNeedsByOrg(store: TenantStore, now: Date): Promise<boolean> {
  return onceBehindMarker(store, NEEDS_ORG_BACKFILLED, now, async () => {
    for (const [orgId, months] of await recountNeedsByOrg(store)) await store.transact([setNeedsByOrgTx(store, orgId, months)]);
  });
}
