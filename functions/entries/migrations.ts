/**
 * The one-off data migrations, each once per tenant behind a marker item (so a rerun changes
 * nothing): `npm start` runs them at every start, `npm run migrate` (scripts/migrate.ts) against a
 * deployed stage's table. A new migration goes in this list, and both run it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillTenantCounters } from '../modules/dashboard/backfill.js';
import { listTenantSlugsUnscoped } from '../modules/identity/store.js';
import { backfillTenantSettlement } from '../modules/orders/settlements-backfill.js';
import { backfillActivityPointers } from '../modules/activities/backfill.js';
import { backfillNeedsByOrg } from '../modules/needs/backfill.js';
import { backfillOrgFundsYears } from '../modules/recognition/backfill.js';
import { globalStoreUnscoped, TenantStore } from '../store/tenant-store.js';

/** A migration: once per tenant, true when it changed the tenant (false: its marker says done). */
export type Migration = { name: string; what: string; run: (store: TenantStore, now: Date) => Promise<boolean> };

export const MIGRATIONS: Migration[] = [
  { name: 'dashboard-counters', what: "the dashboard's counter items and open-gap flags, recounted from the records", run: backfillTenantCounters },
  { name: 'seller-settlements', what: "the sellers' monthly settlement items, recounted from the orders and payouts", run: backfillTenantSettlement },
  {
    name: 'org-funds-years',
    what: "each organization's confirmed donations per calendar year (rule 6), recounted from the donations",
    run: backfillOrgFundsYears,
  },
  {
    name: 'needs-by-organization',
    what: "each organization's needs taken on and met per month (the assessment's needs criterion), recounted from the needs",
    run: backfillNeedsByOrg,
  },
  {
    name: 'activity-pointers',
    what: 'a pointer for each activity logged before activities had one, so its photo routes find it',
    run: backfillActivityPointers,
  },
];

export type MigrationResult = { name: string; what: string; changed: number; done: number };

/** Every migration on every tenant of the table, in order; per migration, how many tenants it changed. */
export async function runMigrationsEverywhereUnscoped(doc: DynamoDBDocumentClient, tableName: string, now: Date): Promise<MigrationResult[]> {
  const global = globalStoreUnscoped(doc, tableName);
  const tenants: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTenantSlugsUnscoped(global, 100, cursor);
    tenants.push(...page.items.map((t) => t.tenantId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const results: MigrationResult[] = [];
  for (const m of MIGRATIONS) {
    const r = { name: m.name, what: m.what, changed: 0, done: 0 };
    for (const id of tenants) {
      if (await m.run(new TenantStore(doc, tableName, id), now)) r.changed += 1;
      else r.done += 1;
    }
    results.push(r);
  }
  return results;
}
