import type { AuditActor, AuditEvent } from '../../../shared/schemas/audit.js';
import { newId } from '../../store/ids.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';

// Access pattern: the trail of one record, oldest first → pk AUDIT#<entity>#<id>, sk <at>#<eventId>.
const auditPk = (store: TenantStore, entity: string, id: string) => store.pk('AUDIT', entity, id);
// Access pattern: the tenant's events by time (the bureau's audit log) → the same item in the GSI
// auditLog, auditLogPk AUDITLOG, auditLogSk <at>#<eventId> (functions/modules/audit/log.ts reads it).
// One item per event, so a transaction that audits holds one action per event, as before. One
// partition per tenant: a month bucket would not spread the writes (each lands in the current one).
export const auditLogPk = (store: TenantStore) => store.pk('AUDITLOG');

/** A write made without an account (a public page): nothing about the client is kept. */
export const PUBLIC_ACTOR: AuditActor = { id: 'public', email: '', role: 'public' };
/** A write made by the payment provider's signed webhook, naming its event. */
export const paymentProviderActor = (eventId: string): AuditActor => ({ id: 'payment-provider', email: '', role: 'payment_provider', eventId });

export const strip = (rec: unknown) => {
  if (!rec || typeof rec !== 'object') return rec ?? null;
  const { pk: _pk, sk: _sk, passwordHash: _h, ...rest } = rec as Record<string, unknown>;
  // index keys and token hashes never enter (or leave) the trail
  for (const k of Object.keys(rest)) if (k.endsWith('Pk') || k.endsWith('Sk') || k.endsWith('Hash')) delete rest[k];
  return rest;
};

/** The audit event of a change by `actor`, as a Put to go in the same transaction as the change. */
export function auditPutBy(
  w: { store: TenantStore; now: Date; actor: AuditActor },
  entity: string,
  entityId: string,
  action: string,
  before: unknown,
  after: unknown,
): TxItem {
  const id = newId('evt');
  const at = w.now.toISOString();
  const event: AuditEvent = { id, entity, entityId, action, actor: w.actor, at, before: strip(before), after: strip(after) };
  return {
    Put: {
      Item: { pk: auditPk(w.store, entity, entityId), sk: `${at}#${id}`, auditLogPk: auditLogPk(w.store), auditLogSk: `${at}#${id}`, ...event },
      // append-only: an event is never overwritten
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The audit event of a change by the signed-in caller, as a Put to go in the same transaction as the change. */
export function auditPut(ctx: ServiceContext, entity: string, entityId: string, action: string, before: unknown, after: unknown): TxItem {
  const actor = { id: ctx.caller.userId, email: ctx.caller.email, role: ctx.caller.role };
  return auditPutBy({ store: ctx.store, now: ctx.now, actor }, entity, entityId, action, before, after);
}

export async function listAuditEvents(store: TenantStore, entity: string, id: string, limit: number, cursor?: string) {
  const page = await store.query<AuditEvent & { pk: string; sk: string }>({ pk: auditPk(store, entity, id), limit, cursor });
  return { items: page.items.map((i) => strip(i) as AuditEvent), nextCursor: page.nextCursor };
}
