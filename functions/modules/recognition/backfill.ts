import type { TenantStore } from '../../store/tenant-store.js';
import { onceBehindMarker, ORG_FUNDS_YEARS_BACKFILLED } from '../counters/store.js';
import { donationKey, setOrgFundsYearsTx, type DonationRecord } from '../donations/store.js';

/**
 * Each organization's confirmed donations per calendar year (`2026`) and month (`2026-06`),
 * recounted from the donation records (what the per-year and per-month ORG_FUNDS columns must
 * equal): a donation counts while it is confirmed, for the organization it counts for, in the year
 * and month of its date. A refunded one counts nowhere.
 */
export async function recountOrgFundsYears(store: TenantStore): Promise<Map<string, Map<string, { cash: number; goods: number }>>> {
  const out = new Map<string, Map<string, { cash: number; goods: number }>>();
  for (const d of await store.queryAll<DonationRecord>({ pk: donationKey(store, '').pk }, 10_000_000)) {
    if (d.status !== 'confirmed' || !d.countsForOrg || !d.organizationId) continue;
    const years = out.get(d.organizationId) ?? new Map<string, { cash: number; goods: number }>();
    out.set(d.organizationId, years);
    for (const key of [d.date.slice(0, 4), d.date.slice(0, 7)]) {
      const y = years.get(key) ?? { cash: 0, goods: 0 };
      y[d.kind] += d.amountFen;
      years.set(key, y);
    }
  }
  return out;
}

/** The one-off migration: the per-year columns of every organization written from the records, once per tenant. */
export async function backfillOrgFundsYears(store: TenantStore, now: Date): Promise<boolean> {
  return onceBehindMarker(store, ORG_FUNDS_YEARS_BACKFILLED, now, async () => {
    for (const [orgId, years] of await recountOrgFundsYears(store)) await store.transact([setOrgFundsYearsTx(store, orgId, years)]);
  });
}
