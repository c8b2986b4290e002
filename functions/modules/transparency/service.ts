import { EXPENDITURE_CATEGORIES } from '../../../shared/schemas/expenditures.js';
import type { FundsFigures, Transparency, VillageTransparency, VillageTransparencyPage } from '../../../shared/schemas/transparency.js';
import { AppError } from '../../errors.js';
import type { PublicContext } from '../context.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { orgConcernCounts } from '../concerns/service.js';
import { allVillageFunds, publicExpenditures, recentPublicDonations, villageFunds, type FundsRecord } from '../donations/store.js';
import { listOrganizationItems, type OrganizationItem } from '../organizations/store.js';
import { listPairingItems } from '../pairings/store.js';
import { allVillageItems, getVillageItem, type VillageItem } from '../villages/store.js';

const RECENT = 20;

function figuresOf(f: FundsRecord | undefined): FundsFigures {
  return {
    cashReceivedFen: f?.cashReceivedFen ?? 0,
    cashUsedFen: f?.cashUsedFen ?? 0,
    balanceFen: f?.balanceFen ?? 0,
    refundedFen: f?.refundedFen ?? 0,
    goodsFen: f?.goodsFen ?? 0,
    usedByPurpose: EXPENDITURE_CATEGORIES.filter((c) => f?.usedByCategory[c]).map((c) => ({ category: c, amountFen: f!.usedByCategory[c] })),
    salesFen: f?.salesFen ?? 0,
    paidOrders: f?.paidOrders ?? 0,
    concernsReceived: f?.concernsReceived ?? 0,
    concernsResolved: f?.concernsResolved ?? 0,
  };
}

function sum(all: FundsFigures[]): FundsFigures {
  const total = figuresOf(undefined);
  const byCat = new Map<string, number>();
  for (const f of all) {
    for (const k of [
      'cashReceivedFen',
      'cashUsedFen',
      'balanceFen',
      'refundedFen',
      'goodsFen',
      'salesFen',
      'paidOrders',
      'concernsReceived',
      'concernsResolved',
    ] as const)
      total[k] += f[k];
    for (const u of f.usedByPurpose) byCat.set(u.category, (byCat.get(u.category) ?? 0) + u.amountFen);
  }
  total.usedByPurpose = EXPENDITURE_CATEGORIES.filter((c) => byCat.get(c)).map((c) => ({ category: c, amountFen: byCat.get(c)! }));
  return total;
}

/** Active pairings' organizations per village (names only: no contact data). */
async function pairedOrganizations(store: TenantStore): Promise<{ byVillage: Map<string, OrganizationItem[]>; active: number }> {
  const orgs = new Map<string, OrganizationItem>();
  let cursor: string | undefined;
  do {
    const page = await listOrganizationItems(store, { limit: 100, cursor });
    for (const o of page.items) orgs.set(o.id, o);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && orgs.size < 5000);
  const byVillage = new Map<string, OrganizationItem[]>();
  let active = 0;
  cursor = undefined;
  let pages = 0;
  do {
    const page = await listPairingItems(store, { status: 'active', limit: 100, cursor });
    for (const p of page.items) {
      const o = orgs.get(p.organizationId);
      active += 1;
      if (!o) continue;
      const list = byVillage.get(p.villageId) ?? [];
      if (!list.some((x) => x.id === o.id)) list.push(o);
      byVillage.set(p.villageId, list);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ++pages < 100);
  return { byVillage, active };
}

function villageOf(v: VillageItem, f: FundsRecord | undefined, orgs: OrganizationItem[]): VillageTransparency {
  return {
    villageId: v.id,
    name: v.name,
    township: v.township,
    supervised: v.supervised,
    organizations: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    ...figuresOf(f),
  };
}

const tenantOf = (ctx: PublicContext) => ({ slug: ctx.tenant.slug, name: ctx.tenant.name, region: ctx.tenant.region, timeZone: ctx.tenant.timeZone });

/**
 * The public page (rule 5 and 8): read from the counter items (one Query of the FUNDS partition),
 * the villages and the active pairings — never a Scan, never personal data: organizations by name,
 * donors by name only when not anonymous, no phone numbers, ID numbers or households.
 */
export async function tenantTransparency(ctx: PublicContext): Promise<Transparency> {
  const [villages, funds, paired, recentDonations] = await Promise.all([
    allVillageItems(ctx.store),
    allVillageFunds(ctx.store),
    pairedOrganizations(ctx.store),
    recentPublicDonations(ctx.store, null, RECENT),
  ]);
  const rows = villages.map((v) => villageOf(v, funds.get(v.id), paired.byVillage.get(v.id) ?? []));
  const totals = sum(rows);
  // concerns about organizations count toward the tenant's figures only
  const orgConcerns = await orgConcernCounts(ctx.store);
  totals.concernsReceived += orgConcerns.received;
  totals.concernsResolved += orgConcerns.resolved;
  return {
    tenant: tenantOf(ctx),
    totals: { ...totals, villages: villages.length, activePairings: paired.active },
    villages: rows,
    recentDonations,
    generatedAt: ctx.now.toISOString(),
  };
}

export async function villageTransparency(ctx: PublicContext, villageId: string): Promise<VillageTransparencyPage> {
  const v = await getVillageItem(ctx.store, villageId);
  if (!v) throw AppError.notFound('村庄');
  const [funds, paired, recentDonations, expenditures] = await Promise.all([
    villageFunds(ctx.store, villageId),
    pairedOrganizations(ctx.store),
    recentPublicDonations(ctx.store, villageId, RECENT),
    publicExpenditures(ctx.store, villageId, 50),
  ]);
  return {
    tenant: tenantOf(ctx),
    village: villageOf(v, funds, paired.byVillage.get(v.id) ?? []),
    recentDonations,
    expenditures,
    generatedAt: ctx.now.toISOString(),
  };
}
