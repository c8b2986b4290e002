import { dateInZone } from '../../../shared/dates.js';
import type {
  AssignCategoryInput,
  RecognitionCategory,
  RecognitionCategoryInput,
  RecognitionCategoryPatch,
  RecognitionEntry,
  RecognitionList,
  RecognizedHelper,
} from '../../../shared/schemas/recognition.js';
import { MAX_RECOGNITION_CATEGORIES } from '../../../shared/schemas/recognition.js';
import { DEFAULT_RECOGNITION_THRESHOLDS } from '../../../shared/schemas/transparency.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { allOrgFunds } from '../donations/store.js';
import { getOrganizationItem, listAllOrganizationItems, type OrganizationItem } from '../organizations/store.js';
import { getHelperItems, participationsInYear } from '../helpers/store.js';
import { getTenant } from '../tenant/store.js';
import { settingsOf } from '../tenant/settings.js';
import { assignCategoryTx, getCategoryRecord, listCategoryRecords, putChangedCategoryTx, putNewCategoryTx, type CategoryRecord } from './store.js';

/** How many helpers the year's list of 先进个人 names at most. */
export const RECOGNIZED_HELPERS = 10;

/**
 * Rule 6's 先进个人: the helpers named as taking part in the most activities dated in the year
 * (from the per-helper, per-year counters each activity's transaction moves), at most
 * RECOGNIZED_HELPERS, most first; ties by name.
 */
async function mostActiveHelpers(ctx: ServiceContext, year: string, orgNames: Map<string, string>): Promise<RecognizedHelper[]> {
  const counts = (await participationsInYear(ctx.store, year)).filter((c) => c.activities > 0);
  const helpers = await getHelperItems(
    ctx.store,
    counts.map((c) => c.helperId),
  );
  return counts
    .map((c) => ({
      helperId: c.helperId,
      name: helpers.get(c.helperId)?.name ?? '',
      organizationId: c.organizationId,
      organizationName: orgNames.get(c.organizationId) ?? '',
      activities: c.activities,
    }))
    .filter((h) => h.name)
    .sort((a, b) => b.activities - a.activities || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, RECOGNIZED_HELPERS);
}

const withCounts = (categories: CategoryRecord[], orgs: OrganizationItem[]): RecognitionCategory[] =>
  categories.map((c) => ({ ...c, organizations: orgs.filter((o) => o.recognitionCategoryId === c.id).length }));

/**
 * Rule 6: each organization against its recognition category's threshold — or, outside every
 * category, its kind's threshold from the settings — over one calendar year (the tenant's time zone):
 * its own confirmed donations dated in the year, cash and goods at estimated value, net of refunds,
 * from the per-year columns of the ORG_FUNDS counters each donation's transaction moves. Help-activity
 * amounts are not added: an activity's "money/goods put in" is usually also logged as a donation, and
 * counting both would double the figure. Recognized first, largest total first.
 */
export async function recognition(ctx: ServiceContext, q: { year?: string }): Promise<RecognitionList> {
  const tenant = await getTenant(ctx.store);
  const year = q.year ?? dateInZone(ctx.now, settingsOf(tenant).timeZone).slice(0, 4);
  const thresholds = tenant?.recognitionThresholds ?? DEFAULT_RECOGNITION_THRESHOLDS;
  const [funds, all, categories] = await Promise.all([allOrgFunds(ctx.store), listAllOrganizationItems(ctx.store), listCategoryRecords(ctx.store)]);
  // the members of the programme: approved, and suspended ones (listed with their figures, never recognized); not applicants or the rejected
  const orgs = all.filter((o) => o.status === 'approved' || o.status === 'suspended');
  const byId = new Map(categories.map((c) => [c.id, c]));
  const items: RecognitionEntry[] = orgs.map((o) => {
    const y = funds.get(o.id)?.years.get(year) ?? { cashFen: 0, goodsFen: 0 };
    const category = o.recognitionCategoryId ? byId.get(o.recognitionCategoryId) : undefined;
    const thresholdFen = category ? category.thresholdFen : thresholds[o.kind];
    const totalFen = y.cashFen + y.goodsFen;
    return {
      organizationId: o.id,
      name: o.name,
      kind: o.kind,
      categoryId: category?.id ?? null,
      categoryName: category?.name ?? null,
      cashFen: y.cashFen,
      goodsFen: y.goodsFen,
      totalFen,
      thresholdFen,
      recognized: o.status === 'approved' && totalFen >= thresholdFen,
      suspended: o.status === 'suspended',
    };
  });
  items.sort((a, b) => Number(b.recognized) - Number(a.recognized) || b.totalFen - a.totalFen || a.name.localeCompare(b.name));
  const names = new Map(all.map((o) => [o.id, o.name]));
  return { year, items, categories: withCounts(categories, orgs), thresholds, helpers: await mostActiveHelpers(ctx, year, names) };
}

export async function listCategories(ctx: ServiceContext): Promise<{ items: RecognitionCategory[] }> {
  const [categories, orgs] = await Promise.all([listCategoryRecords(ctx.store), listAllOrganizationItems(ctx.store)]);
  return { items: withCounts(categories, orgs) };
}

export async function createCategory(ctx: ServiceContext, input: RecognitionCategoryInput): Promise<RecognitionCategory> {
  const existing = await listCategoryRecords(ctx.store);
  if (existing.length >= MAX_RECOGNITION_CATEGORIES) throw AppError.conflict(`表彰类别最多 ${MAX_RECOGNITION_CATEGORIES} 个`);
  const at = ctx.now.toISOString();
  const c: CategoryRecord = { id: newId('rcat'), ...input, createdAt: at, updatedAt: at };
  await ctx.store.transact([...putNewCategoryTx(ctx.store, c), auditPut(ctx, 'recognition_category', c.id, 'create', null, c)]);
  return { ...c, organizations: 0 };
}

export async function updateCategory(ctx: ServiceContext, id: string, patch: RecognitionCategoryPatch): Promise<RecognitionCategory> {
  const before = await getCategoryRecord(ctx.store, id);
  if (!before) throw AppError.notFound('表彰类别');
  const after: CategoryRecord = { ...before, ...patch, updatedAt: ctx.now.toISOString() };
  await ctx.store.transact([...putChangedCategoryTx(ctx.store, before, after), auditPut(ctx, 'recognition_category', id, 'update', before, after)]);
  const orgs = await listAllOrganizationItems(ctx.store);
  return withCounts([after], orgs)[0];
}

/** The bureau puts an organization in a category (or, with null, out of every category); audited on the organization. */
export async function assignCategory(
  ctx: ServiceContext,
  organizationId: string,
  input: AssignCategoryInput,
): Promise<{ organizationId: string; categoryId: string | null }> {
  const org = await getOrganizationItem(ctx.store, organizationId);
  if (!org) throw AppError.notFound('组织');
  if (input.categoryId && !(await getCategoryRecord(ctx.store, input.categoryId)))
    throw new AppError('not_found', 404, '表彰类别不存在', [{ path: 'categoryId', code: 'not_found', message: '表彰类别不存在' }]);
  const before = org.recognitionCategoryId ?? null;
  if (before === input.categoryId) return { organizationId, categoryId: before };
  const at = ctx.now.toISOString();
  await ctx.store.transact([
    ...assignCategoryTx(ctx.store, organizationId, org.updatedAt, input.categoryId, at),
    auditPut(ctx, 'organization', organizationId, 'recognition_category', { recognitionCategoryId: before }, { recognitionCategoryId: input.categoryId }),
  ]);
  return { organizationId, categoryId: input.categoryId };
}
