import { addDays, dateInZone, latestDueWeek, mondayOf, weekDeadline, type ReportDeadline } from '../../../shared/dates.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { AppError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { counterKey } from '../counters/store.js';
import { tenantSettings } from '../tenant/settings.js';
import { addToSetsTx, fillWeekTx, removeExpectedTx, WEEK_VERSION } from './store.js';

/**
 * A reporting week's snapshot, counter item COUNTERS / REPORTWEEK#<Monday>: the organizations
 * expected to report (a pairing active at some point in the week and approved before its deadline,
 * rules 3 and 10), their names, and who reported on time or late, as string sets. Pairing approval
 * and the report transaction ADD to it; a back-dated end DELETEs from it; a week first needed
 * without `materialized` is filled from the pairing records once (a set union, so a write racing
 * the fill loses nothing). The dashboard and the ladder read a few of these.
 */
export type WeekSnapshot = {
  weekStart: string;
  expected: Set<string>;
  names: Map<string, string>;
  onTime: Set<string>;
  late: Set<string>;
  materialized: boolean;
};

export const weekCounterName = (weekStart: string) => `REPORTWEEK#${weekStart}`;

const FILL_TRIES = 5;

/** How far back a back-dated end reaches into week snapshots (further, the epoch moves and older ones are filled again). */
export const APPROVAL_WEEKS_BACK = 12;
/** How far back the ladder looks (a longer streak reads as this many). */
export const MAX_STREAK_WEEKS = 52;

export type ReportingRules = { timeZone: string; deadline: ReportDeadline; today: string };

export async function reportingRules(ctx: ServiceContext): Promise<ReportingRules> {
  const { timeZone, reportDeadline } = await tenantSettings(ctx.store);
  return { timeZone, deadline: reportDeadline, today: dateInZone(ctx.now, timeZone) };
}

export const deadlineOf = (rules: ReportingRules, weekStart: string) => weekDeadline(weekStart, rules.deadline, rules.timeZone);
export const dueWeek = (ctx: ServiceContext, rules: ReportingRules) => latestDueWeek(ctx.now, rules.deadline, rules.timeZone);

const SEP = '\t';
const asSet = (v: unknown) => new Set<string>(v instanceof Set ? [...v].map(String) : []);

function parse(weekStart: string, item: Record<string, unknown> | undefined): WeekSnapshot {
  const names = new Map<string, string>();
  for (const e of asSet(item?.orgNames)) {
    const [id, name] = e.split(SEP);
    names.set(id, name ?? id);
  }
  return { weekStart, expected: asSet(item?.expected), names, onTime: asSet(item?.onTime), late: asSet(item?.late), materialized: item?.materialized === true };
}

/** The organization expected in a week (and named), e.g. on approval or when it reports. */
export function expectOrgTx(store: TenantStore, weekStart: string, org: { id: string; name: string }, extra: Record<string, string[]> = {}): TxItem {
  return addToSetsTx(store, weekCounterName(weekStart), { expected: [org.id], orgNames: [`${org.id}${SEP}${org.name}`], ...extra })!;
}

type PairingLike = { id: string; organizationId: string; organizationName: string; startDate: string | null; endDate: string | null; status: string };

// Access pattern: when each pairing was approved, for rule 10's "a deadline that passed before the
// approval was not missed" → pk PAIRINGAPPROVED, sk <pairingId>.
export const approvedKey = (store: TenantStore, pairingId: string) => ({ pk: store.pk('PAIRINGAPPROVED'), sk: pairingId });

/** Every pairing with the instant it was approved (absent for pairings approved before this record existed). */
export async function pairingsWithApproval(store: TenantStore): Promise<(PairingLike & { approvedAt?: string })[]> {
  const [pairings, approvals] = await Promise.all([
    store.queryAll<PairingLike>({ pk: store.pk('PAIRING') }, 10_000_000),
    store.queryAll<{ sk: string; approvedAt: string }>({ pk: store.pk('PAIRINGAPPROVED') }, 10_000_000),
  ]);
  const at = new Map(approvals.map((a) => [a.sk, a.approvedAt]));
  return pairings.map((p) => ({ ...p, approvedAt: at.get(p.id) }));
}

/** Rule 3: the organization had an active pairing at some point in the week. */
export const activeDuringWeek = (p: PairingLike, weekStart: string) =>
  !!p.startDate && (p.status === 'active' || p.status === 'ended') && p.startDate <= addDays(weekStart, 6) && (!p.endDate || p.endDate >= weekStart);

/**
 * COUNTERS / REPORTING_EPOCH: bumped (`weeks`, `quarters`) by an approval or an end reaching further
 * back than the snapshots it moves itself; a snapshot filled under an older epoch is filled again.
 */
export const EPOCH = 'REPORTING_EPOCH';
export type Epochs = { weeks: number; quarters: number };
export const readEpochs = (item: Record<string, unknown> | undefined): Epochs => ({ weeks: Number(item?.weeks ?? 0), quarters: Number(item?.quarters ?? 0) });

/**
 * Rules 3 and 10: an organization is expected to report a week when one of its pairings was active
 * at some point in it and had been approved before the week's deadline (a pairing approved today
 * with an earlier start date cannot have missed deadlines that passed before it existed).
 */
export const expectedInWeek = (p: PairingLike & { approvedAt?: string }, weekStart: string, deadline: string) =>
  activeDuringWeek(p, weekStart) && (!p.approvedAt || p.approvedAt < deadline);

/**
 * Fills weeks that lack `materialized` from the pairing records (one read of them for all the
 * weeks): a set union, so an approval racing the fill loses nothing. A week filled under an older
 * epoch also loses the organizations the records no longer expect there (a back-dated end).
 */
async function materialize(
  store: TenantStore,
  rules: ReportingRules,
  weeks: WeekSnapshot[],
  stale: Set<string>,
  epoch: number,
  versions: Map<string, number>,
): Promise<void> {
  const todo = weeks.filter((w) => !w.materialized || stale.has(w.weekStart));
  if (todo.length === 0) return;
  let pairings = await pairingsWithApproval(store);
  for (const w of todo) {
    const deadline = deadlineOf(rules, w.weekStart);
    let orgs = new Map<string, string>();
    let filledMeanwhile = false;
    for (let attempt = 1; ; attempt++) {
      orgs = new Map<string, string>();
      for (const p of pairings) if (expectedInWeek(p, w.weekStart, deadline)) orgs.set(p.organizationId, p.organizationName);
      const names = [...orgs].map(([id, n]) => `${id}${SEP}${n}`);
      // a union first (an approval racing the fill loses nothing), written only if no removal landed since the read …
      const version = versions.get(w.weekStart) ?? 0;
      const raced = AppError.conflict('周报统计正在更新，请稍后重试');
      try {
        await store.transact([fillWeekTx(store, weekCounterName(w.weekStart), [...orgs.keys()], names, epoch, version, raced)]);
        break;
      } catch (e) {
        if (e !== raced || attempt >= FILL_TRIES) throw e;
      }
      // … a back-dated end moved the week between the read and the write: read it and the records again
      const k = counterKey(store, weekCounterName(w.weekStart));
      const item = (await store.get<Record<string, unknown>>(k.pk, k.sk)) ?? undefined;
      Object.assign(w, parse(w.weekStart, item));
      versions.set(w.weekStart, Number(item?.[WEEK_VERSION] ?? 0));
      if (w.materialized && Number(item?.epoch ?? 0) >= epoch) {
        filledMeanwhile = true; // another reader filled it after the removal: take that
        break;
      }
      pairings = await pairingsWithApproval(store);
    }
    if (filledMeanwhile) continue;
    const gone = w.materialized ? [...w.expected].filter((id) => !orgs.has(id)) : [];
    if (gone.length) {
      // … then, on a refill, out go only those the records no longer expect (a back-dated end)
      await store.transact([removeExpectedTx(store, weekCounterName(w.weekStart), gone)]);
    }
    w.expected = new Set([...[...w.expected].filter((id) => !gone.includes(id)), ...orgs.keys()]);
    for (const [id, n] of orgs) if (!w.names.has(id)) w.names.set(id, n);
    w.materialized = true;
  }
}

/** Week snapshots, filled from the records the first time each is needed (weeks not yet begun stay empty). */
export async function readWeeks(store: TenantStore, weekStarts: string[], rules: ReportingRules): Promise<Map<string, WeekSnapshot>> {
  const keys = [...weekStarts.map((w) => counterKey(store, weekCounterName(w))), counterKey(store, EPOCH)];
  const items = await store.getMany<Record<string, unknown>>(keys);
  const byName = new Map(items.map((i) => [String(i.sk), i]));
  const epoch = readEpochs(byName.get(EPOCH)).weeks;
  const weeks = weekStarts.map((w) => parse(w, byName.get(weekCounterName(w))));
  const stale = new Set(weekStarts.filter((w) => Number(byName.get(weekCounterName(w))?.epoch ?? 0) < epoch));
  const versions = new Map(weekStarts.map((w) => [w, Number(byName.get(weekCounterName(w))?.[WEEK_VERSION] ?? 0)]));
  await materialize(
    store,
    rules,
    weeks.filter((w) => w.weekStart <= rules.today),
    stale,
    epoch,
    versions,
  );
  return new Map(weeks.map((w) => [w.weekStart, w]));
}

export async function readWeek(store: TenantStore, weekStart: string, rules: ReportingRules): Promise<WeekSnapshot> {
  return (await readWeeks(store, [weekStart], rules)).get(weekStart)!;
}

/** Weeks ending at `to`, oldest first. */
export const weeksTo = (to: string, n: number) => Array.from({ length: n }, (_, i) => addDays(to, -7 * (n - 1 - i)));

/** A due week's state of one organization: null when it was not expected. */
export function cellOf(w: WeekSnapshot, orgId: string, due: boolean): 'onTime' | 'late' | 'missing' | 'pending' | null {
  if (w.onTime.has(orgId)) return 'onTime';
  if (w.late.has(orgId)) return 'late';
  if (!w.expected.has(orgId)) return null;
  return due ? 'missing' : 'pending';
}

/**
 * Rule 10: consecutive missed weeks counting back from `from` (the latest due week); a week where
 * the organization was not expected, or reported (on time or late), ends the streak.
 */
export function streakOf(weeksNewestFirst: WeekSnapshot[], orgId: string): string[] {
  const missed: string[] = [];
  for (const w of weeksNewestFirst) {
    if (cellOf(w, orgId, true) !== 'missing') break;
    missed.push(w.weekStart);
  }
  return missed;
}

/**
 * The week before the current one while its deadline has not yet passed (Monday to Tuesday 18:00 by
 * default): the week the organization's form files by default ("上一周"), one newer than the latest
 * due week. Null once the latest due week is that week.
 */
export function aheadWeek(rules: ReportingRules, latestDue: string): string | null {
  const last = addDays(mondayOf(rules.today), -7);
  return last === addDays(latestDue, 7) ? last : null;
}

export const filed = (w: WeekSnapshot, orgId: string) => w.onTime.has(orgId) || w.late.has(orgId);

/**
 * Rule 10, counted from the newest ended week: filed, the week before the current one ends a run
 * at once even before its deadline (the organization has reported up to now; the older missed
 * weeks stay missing in the grid and may still be filed late). Unfiled and not yet due, it is skipped.
 */
export async function filedAhead(store: TenantStore, orgIds: string[], latestDue: string, rules: ReportingRules): Promise<Set<string>> {
  const ahead = aheadWeek(rules, latestDue);
  if (!ahead || orgIds.length === 0) return new Set();
  const w = await readWeek(store, ahead, rules);
  return new Set(orgIds.filter((o) => filed(w, o)));
}

/**
 * The missed weeks of one organization, newest first, reading week snapshots in batches back from
 * the latest due week; none when a week after it was filed (filedAhead), unless `aheadEnds` is false
 * (the weeks still open for a late report, for the organization's own history).
 */
export async function missedWeeks(
  store: TenantStore,
  orgId: string,
  latestDue: string,
  rules: ReportingRules,
  max = MAX_STREAK_WEEKS,
  aheadEnds = true,
): Promise<string[]> {
  const missed: string[] = [];
  if (aheadEnds && (await filedAhead(store, [orgId], latestDue, rules)).size > 0) return missed;
  for (let start = 0; start < max; start += 8) {
    const batch = Array.from({ length: Math.min(8, max - start) }, (_, i) => addDays(latestDue, -7 * (start + i)));
    const weeks = await readWeeks(store, batch, rules);
    const run = streakOf(
      batch.map((w) => weeks.get(w)!),
      orgId,
    );
    missed.push(...run);
    if (run.length < batch.length) break;
  }
  return missed;
}

export type LadderLevel = 'ok' | 'flagged' | 'warned' | 'blocked';
/** Rule 10: flagged after one missed week, warned after two in a row, blocked from claiming after four. */
export const ladderLevel = (streak: number): LadderLevel => (streak >= 4 ? 'blocked' : streak >= 2 ? 'warned' : streak >= 1 ? 'flagged' : 'ok');

export const currentWeek = (rules: ReportingRules) => mondayOf(rules.today);
