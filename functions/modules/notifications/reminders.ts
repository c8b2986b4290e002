import type { DocumentClient } from '../../store/tenant-store.js';
import { addDays, dateInZone, latestDueWeek, weekDeadline, zonedDateTimeToUtc, type ReportDeadline } from '../../../shared/dates.js';
import { AppError } from '../../errors.js';
import { globalStoreUnscoped, TenantStore, type TxItem } from '../../store/tenant-store.js';
import { listTenantSlugsUnscoped } from '../identity/store.js';
import { getTenant } from '../tenant/store.js';
import { ladderLevel, missedWeeks, readWeek, type ReportingRules } from '../report-weeks/weeks.js';
import { notifyTx } from '../outbox/outbox.js';
import { settingsOf } from '../tenant/settings.js';
import { remindedOnceTx } from './store.js';

/**
 * The weekly-report reminders and the reporting ladder's warnings, run by the jobs
 * function every few minutes (a timer locally) for every tenant in its own zone:
 *  - each organization expected in the open week (an active pairing) that has not filed is reminded
 *    at each of the tenant's reminder times (default Monday 09:00 and the deadline's day 12:00) that
 *    has come and is before the deadline; a marker per week, time and organization, written in the
 *    notification's transaction, makes a reminder go once however often the job runs;
 *  - once a week's deadline has passed, each organization that missed it and whose run of missed
 *    weeks reaches two (warned) or four (blocked from claiming, rule 10) is told, once per week.
 */
export const defaultReminders = (deadline: ReportDeadline): ReportDeadline[] => [
  { weekday: 1, time: '09:00' },
  { weekday: deadline.weekday, time: '12:00' },
];

/**
 * The instant a reminder time falls for a week: its first such moment from the week's last day
 * (Sunday, weekStart + 6) on, so Sunday 20:00 is the week's own evening and Monday 09:00 the next
 * morning; a time that would land after the deadline is not sent.
 */
export const reminderInstant = (weekStart: string, r: ReportDeadline, timeZone: string) =>
  zonedDateTimeToUtc(addDays(weekStart, 6 + r.weekday), r.time, timeZone).toISOString();

const onceTx = (store: TenantStore, weekStart: string, slot: string, orgId: string, now: Date): TxItem =>
  remindedOnceTx(store, weekStart, slot, orgId, now, ALREADY);
const ALREADY = new AppError('conflict', 409, 'already reminded');

async function sendOnce(store: TenantStore, tx: TxItem[]): Promise<boolean> {
  try {
    await store.transact(tx);
    return true;
  } catch (e) {
    if (e === ALREADY) return false;
    throw e;
  }
}

export type ReminderResult = { reminders: number; warnings: number };

export async function remindTenant(store: TenantStore, now: Date): Promise<ReminderResult> {
  const out: ReminderResult = { reminders: 0, warnings: 0 };
  const tenant = await getTenant(store);
  if (!tenant) return out;
  const { timeZone, reportDeadline: deadline } = settingsOf(tenant);
  const rules: ReportingRules = { timeZone, deadline, today: dateInZone(now, timeZone) };
  const due = latestDueWeek(now, deadline, timeZone);
  const open = addDays(due, 7);
  const openDeadline = weekDeadline(open, deadline, timeZone);
  const times = (tenant.reportReminders ?? defaultReminders(deadline))
    .map((r) => ({ slot: `R${r.weekday}${r.time.replace(':', '')}`, at: reminderInstant(open, r, timeZone) }))
    .filter((r) => r.at <= now.toISOString() && r.at < openDeadline);
  const deadlineText = formatInZone(openDeadline, timeZone);
  if (times.length > 0) {
    const week = await readWeek(store, open, rules);
    for (const orgId of week.expected) {
      if (week.onTime.has(orgId) || week.late.has(orgId)) continue;
      for (const r of times) {
        const sent = await sendOnce(store, [
          onceTx(store, open, r.slot, orgId, now),
          notifyTx(
            { store, now },
            'report_reminder',
            { to: 'organization', organizationId: orgId },
            { organizationName: week.names.get(orgId) ?? '', weekStart: open, deadline: deadlineText },
            { link: '/reports' },
          ),
        ]);
        if (sent) out.reminders += 1;
      }
    }
  }
  // the ladder: the week just due, its missing organizations' runs of missed weeks
  const dueWeek = await readWeek(store, due, rules);
  for (const orgId of dueWeek.expected) {
    if (dueWeek.onTime.has(orgId) || dueWeek.late.has(orgId)) continue;
    const missed = (await missedWeeks(store, orgId, due, rules, 5)).length;
    const level = ladderLevel(missed);
    if (level !== 'warned' && level !== 'blocked') continue;
    if ((level === 'warned' && missed !== 2) || (level === 'blocked' && missed !== 4)) continue; // told on reaching it
    const kind = level === 'blocked' ? 'report_ladder_blocked' : 'report_ladder_warning';
    const sent = await sendOnce(store, [
      onceTx(store, due, level, orgId, now),
      notifyTx(
        { store, now },
        kind,
        { to: 'organization', organizationId: orgId },
        { organizationName: dueWeek.names.get(orgId) ?? '', missed },
        { link: '/reports' },
      ),
    ]);
    if (sent) out.warnings += 1;
  }
  return out;
}

/** Every tenant's, each in its own zone (the job's run; idempotent). */
export async function remindEverywhereUnscoped(doc: DocumentClient, tableName: string, now: Date): Promise<ReminderResult & { tenants: number }> {
  const total = { tenants: 0, reminders: 0, warnings: 0 };
  const global = globalStoreUnscoped(doc, tableName);
  let cursor: string | undefined;
  do {
    const page = await listTenantSlugsUnscoped(global, 100, cursor);
    for (const t of page.items) {
      total.tenants += 1;
      const r = await remindTenant(new TenantStore(doc, tableName, t.tenantId), now);
      total.reminders += r.reminders;
      total.warnings += r.warnings;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return total;
}

/** '2026-06-16 18:00' in the tenant's zone, for the reminder's text. */
function formatInZone(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
