import type { AuditEvent } from '../../../shared/schemas/audit.js';
import { newId } from '../../store/ids.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';

// Access pattern: the trail of one record, oldest first → pk AUDIT#<entity>#<id>, sk <at>#<eventId>.
const auditPk = (store: TenantStore, entity: string, id: string) => store.pk('AUDIT', entity, id);

const strip = (rec: unknown) => {
  if (!rec || typeof rec !== 'object') return rec ?? null;
  const { pk: _pk, sk: _sk, passwordHash: _h, ...rest } = rec as Record<string, unknown>;
  for (const k of Object.keys(rest)) if (k.endsWith('Pk') || k.endsWith('Sk')) delete rest[k];
  return rest;
};

/** The audit event of a change, as a Put to go in the same transaction as the change. */
export function auditPut(
  ctx: ServiceContext,
  entity: string,
  entityId: string,
  action: string,
  before: unknown,
  after: unknown,
): TxItem {
  const id = newId('evt');
  const at = ctx.now.toISOString();
  const event: AuditEvent = {
    id,
    entity,
    entityId,
    action,
    actor: { id: ctx.caller.userId, email: ctx.caller.email, role: ctx.caller.role },
    at,
    before: strip(before),
    after: strip(after),
  };
  return {
    Put: {
      Item: { pk: auditPk(ctx.store, entity, entityId), sk: `${at}#${id}`, ...event },
      // append-only: an event is never overwritten
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function listAuditEvents(store: TenantStore, entity: string, id: string, limit: number, cursor?: string) {
  const page = await store.query<AuditEvent & { pk: string; sk: string }>({ pk: auditPk(store, entity, id), limit, cursor });
  return { items: page.items.map((i) => strip(i) as AuditEvent), nextCursor: page.nextCursor };
}
