import { z } from 'zod';
import { Id, ListQuery } from './common.js';

export const AuditEvent = z.object({
  id: Id,
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), email: z.string(), role: z.string() }),
  at: z.string(),
  before: z.any().nullable(),
  after: z.any().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AUDITED_ENTITIES = ['village', 'organization', 'pairing', 'activity', 'user', 'tenant', 'produce', 'order', 'commitment', 'donation', 'expenditure', 'concern', 'report', 'need', 'payout', 'application'] as const;

export const AuditQuery = ListQuery.extend({
  entity: z.enum(AUDITED_ENTITIES, { error: '记录类型无效' }),
  id: Id,
});
