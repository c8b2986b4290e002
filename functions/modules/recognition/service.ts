import { DEFAULT_RECOGNITION_THRESHOLDS, type RecognitionEntry, type RecognitionList } from '../../../shared/schemas/transparency.js';
import type { ServiceContext } from '../context.js';
import { allOrgFunds } from '../donations/store.js';
import { listOrganizationItems } from '../organizations/store.js';
import { getTenant } from '../tenant/store.js';

/**
 * Rule 6: organizations whose money + goods reach the tenant's threshold for their kind. Counted:
 * the organization's own confirmed donations (cash and goods at estimated value, net of refunds),
 * from the ORG_FUNDS counters moved in each donation's transaction. Help-activity amounts are not
 * added: an activity's "money/goods put in" is usually also logged as a donation, and counting
 * both would double the figure.
 */
export async function recognition(ctx: ServiceContext): Promise<RecognitionList> {
  const thresholds = (await getTenant(ctx.store))?.recognitionThresholds ?? DEFAULT_RECOGNITION_THRESHOLDS;
  const funds = await allOrgFunds(ctx.store);
  const items: RecognitionEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listOrganizationItems(ctx.store, { limit: 100, cursor });
    for (const o of page.items) {
      const f = funds.get(o.id);
      if (!f) continue;
      const totalFen = f.cashFen + f.goodsFen;
      const thresholdFen = thresholds[o.kind];
      if (totalFen >= thresholdFen)
        items.push({ organizationId: o.id, name: o.name, kind: o.kind, cashFen: f.cashFen, goodsFen: f.goodsFen, totalFen, thresholdFen });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ++pages < 100);
  items.sort((a, b) => b.totalFen - a.totalFen || a.name.localeCompare(b.name));
  return { items, thresholds };
}
