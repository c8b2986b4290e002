import { addDays, mondayOf, quarterOf, quarterRange } from '../../../shared/dates.js';
import type { Pairing } from '../../../shared/schemas/pairings.js';
import { AppError } from '../../errors.js';
import type { TxItem } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';
import { listPairingItems } from './store.js';
import { activeInQuarterTx, quarterCounterName } from '../visits/store.js';
import {
  activeDuringWeek,
  approvedKey,
  APPROVAL_WEEKS_BACK,
  deadlineOf,
  dueWeek,
  EPOCH,
  expectOrgTx,
  missedWeeks,
  reportingRules,
  weekCounterName,
} from '../report-weeks/weeks.js';
import { removeFromSetTx } from '../report-weeks/store.js';
import { counterTx } from '../counters/store.js';

/** How many past quarters a backdated approval reaches (older ones fill from the records). */
const APPROVAL_QUARTERS_BACK = 4;

/**
 * In the approval's transaction: the approval's instant (rule 10 counts no deadline that passed
 * before it); the organization expected in the weeks from the pairing's start whose deadline is
 * still ahead (this week, and last week before its deadline); the pairing counted in the visit
 * quarters it spans (at most the last 4; further back, those are filled again from the records).
 */
export async function reportingOnApproveTx(ctx: ServiceContext, pairing: Pairing): Promise<TxItem[]> {
  const rules = await reportingRules(ctx);
  const today = rules.today;
  const start = pairing.startDate ?? today;
  const tx: TxItem[] = [
    { Put: { Item: { ...approvedKey(ctx.store, pairing.id), organizationId: pairing.organizationId, approvedAt: ctx.now.toISOString() } } },
  ];
  const thisWeek = mondayOf(today);
  for (let w = addDays(thisWeek, -14); w <= thisWeek; w = addDays(w, 7)) {
    if (w >= mondayOf(start) && Date.parse(deadlineOf(rules, w)) > ctx.now.getTime()) {
      tx.push(expectOrgTx(ctx.store, w, { id: pairing.organizationId, name: pairing.organizationName }));
    }
  }
  const quarters: string[] = [];
  for (let q = quarterOf(today); quarters.length < APPROVAL_QUARTERS_BACK && quarterRange(q).to >= start; q = quarterOf(addDays(quarterRange(q).from, -1))) {
    quarters.push(q);
  }
  for (const q of quarters) tx.push(activeInQuarterTx(ctx.store, q, pairing));
  const bump = counterTx(ctx.store, EPOCH, { quarters: quarterRange(quarters[quarters.length - 1] ?? quarterOf(today)).from > start ? 1 : 0 });
  if (bump) tx.push(bump);
  return tx;
}

/**
 * Rule 10: an organization that missed four or more weeks in a row cannot claim a new pairing
 * until it reports the latest missed week (late is fine).
 */
export async function assertNotReportingBlocked(ctx: ServiceContext, organizationId: string): Promise<void> {
  // an organization never approved for a pairing has nothing to report (its first claim reads one page)
  const own = await listPairingItems(ctx.store, { organizationId, limit: 100 });
  if (!own.items.some((p) => p.startDate) && !own.nextCursor) return;
  const rules = await reportingRules(ctx);
  const missed = await missedWeeks(ctx.store, organizationId, dueWeek(ctx, rules), rules);
  if (missed.length >= 4) {
    throw AppError.conflict(
      `该组织已连续 ${missed.length} 周未提交周报（${[...missed]
        .reverse()
        .map((w) => `${w} 当周`)
        .join('、')}），补交最近一周（${missed[0]} 当周）的周报后才能认领新的结对`,
      { reason: 'reporting_blocked', missedWeeks: missed },
    );
  }
}

/**
 * In the end's transaction: a pairing ended on a past date no longer counts in the snapshots after
 * it — the visit quarters after the end's (at most the last 4), and the weeks after the end's (at
 * most the last 12) in which the organization has no other pairing active. `removesWeeks`: the caller
 * must hold the organization's active-pairing count read before this call (see below).
 */
export async function reportingOnEndTx(ctx: ServiceContext, pairing: Pairing, today: string): Promise<{ tx: TxItem[]; removesWeeks: boolean }> {
  const end = pairing.endDate ?? today;
  const tx: TxItem[] = [];
  const endQuarter = quarterOf(end);
  let q = quarterOf(today);
  for (let n = 0; q > endQuarter && n < APPROVAL_QUARTERS_BACK; q = quarterOf(addDays(quarterRange(q).from, -1)), n++) {
    tx.push(removeFromSetTx(ctx.store, quarterCounterName(q), 'active', pairing.id));
  }
  const thisWeek = mondayOf(today);
  const firstAfter = addDays(mondayOf(end), 7);
  const windowStart = addDays(thisWeek, -7 * (APPROVAL_WEEKS_BACK - 1));
  // an end further back than that: the older snapshots are filled again from the records
  const bump = counterTx(ctx.store, EPOCH, { weeks: firstAfter < windowStart ? 1 : 0, quarters: q > endQuarter ? 1 : 0 });
  if (bump) tx.push(bump);
  if (firstAfter > thisWeek) return { tx, removesWeeks: false };
  // read after the caller read the organization's active-pairing count: the caller's transaction
  // holds that count, so an approval of another pairing landing after this read (which adds the
  // organization to these weeks) fails it rather than being undone by the removals below
  const others = (await listPairingItems(ctx.store, { organizationId: pairing.organizationId, limit: 100 })).items.filter((p) => p.id !== pairing.id);
  const from = [firstAfter, windowStart].sort().reverse()[0];
  let removesWeeks = false;
  for (let w = from; w <= thisWeek; w = addDays(w, 7)) {
    if (!others.some((p) => activeDuringWeek(p, w))) {
      tx.push(removeFromSetTx(ctx.store, weekCounterName(w), 'expected', pairing.organizationId, true));
      removesWeeks = true;
    }
  }
  return { tx, removesWeeks };
}
