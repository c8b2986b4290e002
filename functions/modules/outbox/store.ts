import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import type { OutboxEvent } from './outbox.js';

// Access pattern: the worker reads a tenant's pending notifications oldest first → pk OUTBOX, sk <id>.
export const outboxKey = (store: TenantStore, id: string) => ({ pk: store.pk('OUTBOX'), sk: id });

/**
 * A new outbox item; `outbox` marks it for the stream's filter on AWS (infra/constructs/jobs.ts).
 * Its id is new: the condition only guards against reusing one.
 */
export function putOutboxTx(store: TenantStore, event: OutboxEvent): TxItem {
  return { Put: { Item: { ...outboxKey(store, event.id), ...event, outbox: '1' }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** A failed delivery's next try (the worker backs off): only while the item is still pending. */
export function rescheduleOutboxTx(store: TenantStore, id: string, attempts: number, nextAttemptAt: string): TxItem {
  return {
    Update: {
      Key: outboxKey(store, id),
      UpdateExpression: 'SET attempts = :a, nextAttemptAt = :n',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':a': attempts, ':n': nextAttemptAt },
    },
  };
}
