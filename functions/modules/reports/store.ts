import type { Report } from '../../../shared/schemas/reports.js';
import { AppError } from '../../errors.js';
import { filterWhere } from '../../store/filters.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

// Access pattern: a report by id, and the tenant's reports newest first → pk REPORT, sk <id>;
// an organization's reports by week (GSI byOrganization) → orgPk ORG#<orgId>, orgSk REPORT#<Monday>.
export const reportKey = (store: TenantStore, id: string) => ({ pk: store.pk('REPORT'), sk: id });
// Access pattern: "has this organization reported this week?" (one report per organization and
// week) and a week's reports for the compliance list → pk REPORTWEEK#<Monday>, sk <orgId>.
export const weekEntryKey = (store: TenantStore, weekStart: string, orgId: string) => ({ pk: store.pk('REPORTWEEK', weekStart), sk: orgId });

/** What a week's entry holds about the organization's one report. */
export type WeekEntry = { reportId: string; status: Report['status']; submittedAt: string | null; timeliness: Report['timeliness'] };

function strip(item: Record<string, unknown>): Report {
  const { pk: _p, sk: _s, orgPk: _op, orgSk: _os, ...rest } = item;
  return rest as Report;
}

export async function getReportItem(store: TenantStore, id: string): Promise<Report | null> {
  const k = reportKey(store, id);
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  return item ? strip(item) : null;
}

export async function getWeekEntry(store: TenantStore, weekStart: string, orgId: string): Promise<WeekEntry | null> {
  const k = weekEntryKey(store, weekStart, orgId);
  return store.get<WeekEntry>(k.pk, k.sk);
}

/** Every organization's entry of one week (compliance list; one per expected organization at most). */
export async function weekEntries(store: TenantStore, weekStart: string): Promise<Map<string, WeekEntry>> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('REPORTWEEK', weekStart) }, 100_000);
  return new Map(items.map((i) => [String(i.sk), i as unknown as WeekEntry]));
}

export async function listReportItems(store: TenantStore, q: { organizationId?: string; weekStart?: string; limit: number; cursor?: string }) {
  const query = q.organizationId
    ? { pk: store.pk('ORG', q.organizationId), index: 'byOrganization' as const, skBeginsWith: 'REPORT#' }
    : { pk: store.pk('REPORT') };
  const page = await store.query<Record<string, unknown>>({
    ...query,
    forward: false,
    limit: q.limit,
    cursor: q.cursor,
    filter: filterWhere({ weekStart: q.weekStart }),
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

/** Every report of one week, from the records themselves (recount only; not a request path). */
export async function weekReportItems(store: TenantStore, weekStart: string): Promise<Report[]> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('REPORT'), filter: filterWhere({ weekStart }) }, 1_000_000);
  return items.map(strip);
}

const entryOf = (r: Report): WeekEntry => ({ reportId: r.id, status: r.status, submittedAt: r.submittedAt, timeliness: r.timeliness });

/** A first report of the organization for the week: the report and its week entry, both new. */
export function putNewReportTx(store: TenantStore, r: Report): TxItem[] {
  return [
    {
      Put: {
        Item: { ...reportKey(store, r.id), orgPk: store.pk('ORG', r.organizationId), orgSk: `REPORT#${r.weekStart}#${r.id}`, ...r },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: { Item: { ...weekEntryKey(store, r.weekStart, r.organizationId), ...entryOf(r) }, ConditionExpression: 'attribute_not_exists(pk)' },
      failWith: AppError.conflict('该组织本周的周报已提交', { reason: 'duplicate_report' }),
    },
  ];
}

/** A stored draft replaced by the new text (and maybe submitted), only while it is still a draft. */
export function updateDraftTx(store: TenantStore, r: Report): TxItem[] {
  const draftOnly = AppError.conflict('该组织本周的周报已提交', { reason: 'duplicate_report' });
  const fields = {
    summary: r.summary,
    progress: r.progress,
    results: r.results,
    status: r.status,
    submittedAt: r.submittedAt,
    timeliness: r.timeliness,
    updatedAt: r.updatedAt,
  };
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':draft': 'draft' };
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  return [
    {
      Update: {
        Key: reportKey(store, r.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#status = :draft',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      failWith: draftOnly,
    },
    {
      Put: {
        Item: { ...weekEntryKey(store, r.weekStart, r.organizationId), ...entryOf(r) },
        ConditionExpression: '#status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft' },
      },
      failWith: draftOnly,
    },
  ];
}

/** A photo appended to a report (at most `max`). */
export function addReportPhotoTx(store: TenantStore, reportId: string, photoId: string, max: number, at: string): TxItem {
  return {
    Update: {
      Key: reportKey(store, reportId),
      UpdateExpression: 'SET photos = list_append(photos, :p), updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND size(photos) < :max',
      ExpressionAttributeValues: { ':p': [photoId], ':max': max, ':at': at },
    },
    failWith: AppError.conflict(`每份周报最多 ${max} 张照片`, { reason: 'too_many_photos', max }),
  };
}

// Access pattern: a report photo's file → pk REPORTPHOTO, sk <photoId>.
export function putReportPhotoTx(
  store: TenantStore,
  photo: { photoId: string; reportId: string; contentType: string; bytes: number; fileKey: string; createdAt: string },
): TxItem {
  return { Put: { Item: { pk: store.pk('REPORTPHOTO'), sk: photo.photoId, ...photo }, ConditionExpression: 'attribute_not_exists(pk)' } };
}
