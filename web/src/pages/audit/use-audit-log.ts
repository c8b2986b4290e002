import type { AuditedEntity, AuditEvent } from '../../../../shared/schemas/audit';
import { api, call } from '../../api/client';
import { useCursorList } from '../../api/cursor';

export type AuditLogFilters = { actor?: string; entity?: AuditedEntity; from?: string; to?: string };

/** GET /api/audit without an id: the tenant's events, newest first, a page at a time. */
export function useAuditLog(f: AuditLogFilters) {
  return useCursorList<AuditEvent>(['audit', 'log', f], (cursor) =>
    call(
      api.audit.$get({
        query: {
          limit: '30',
          ...(f.actor ? { actor: f.actor } : {}),
          ...(f.entity ? { entity: f.entity } : {}),
          ...(f.from ? { from: f.from } : {}),
          ...(f.to ? { to: f.to } : {}),
          ...(cursor ? { cursor } : {}),
        },
      }),
    ),
  );
}
