import { isCalendarDate, zonedDateTimeToUtc, addDays } from '../../../shared/dates.js';
import type { AuditEvent, AuditedEntity } from '../../../shared/schemas/audit.js';
import { AppError } from '../../errors.js';
import type { QueryInput, TenantStore } from '../../store/tenant-store.js';
import { auditLogPk, listAuditEvents, strip } from './store.js';
import { tenantTimeZone } from '../tenant/settings.js';

export type AuditLogQuery = { actor?: string; entity?: AuditedEntity; from?: string; to?: string; limit: number; cursor?: string };

/**
 * The bounds of a `from`/`to` pair as sort-key bounds: a date is its whole day in the tenant's time
 * zone (from its first instant, to the first instant of the next day, excluded); an instant is
 * itself (included at either end).
 */
function boundsOf(from: string | undefined, to: string | undefined, timeZone: string): [string, string] {
  const lower = !from ? '0' : isCalendarDate(from) ? zonedDateTimeToUtc(from, '00:00', timeZone).toISOString() : new Date(from).toISOString();
  // every sort key is `<at>#<eventId>`: `<instant>#\uffff` is above every event at that instant
  const upper = !to
    ? '\uffff'
    : isCalendarDate(to)
      ? zonedDateTimeToUtc(addDays(to, 1), '00:00', timeZone).toISOString()
      : `${new Date(to).toISOString()}#\uffff`;
  if (lower > upper) throw AppError.field('query.to', '结束时间不能早于开始时间');
  return [lower, upper];
}

/**
 * The tenant's audit events, newest first, narrowed by actor (a user id, `public` or
 * `payment-provider`), entity and a time range; one Query of the auditLog index, its partition the
 * caller's tenant (another tenant's events are out of reach of the tenant store).
 */
export async function listAuditLog(store: TenantStore, q: AuditLogQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const timeZone = await tenantTimeZone(store);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const terms: string[] = [];
  if (q.actor) {
    Object.assign(names, { '#actor': 'actor', '#actorId': 'id' });
    values[':actor'] = q.actor;
    terms.push('#actor.#actorId = :actor');
  }
  if (q.entity) {
    names['#entity'] = 'entity';
    values[':entity'] = q.entity;
    terms.push('#entity = :entity');
  }
  const filter: QueryInput['filter'] = terms.length ? { expression: terms.join(' AND '), names, values } : undefined;
  const page = await store.query<AuditEvent & { pk: string; sk: string }>({
    pk: auditLogPk(store),
    index: 'auditLog',
    skBetween: boundsOf(q.from, q.to, timeZone),
    forward: false,
    filter,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map((i) => strip(i) as AuditEvent), nextCursor: page.nextCursor };
}

/** The bureau's reading: with entity and id, one record's trail (oldest first); else the tenant's log. */
export async function readAudit(store: TenantStore, q: AuditLogQuery & { id?: string }) {
  if (q.entity && q.id) return listAuditEvents(store, q.entity, q.id, q.limit, q.cursor);
  return listAuditLog(store, q);
}
