import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/errors.js';
import { TenantStore, transactionStats } from '../../functions/store/tenant-store.js';

// A TransactionConflict (another transaction on the same item at the same moment) is retried with
// jitter, then a 409. DynamoDB Local serialises transactions and never answers with one, so this
// file alone stands a client in for DynamoDB: it cancels the first calls with the service's own
// exception and reasons, then lets one through.

function conflictingClient(conflicts: number, reasons = [{ Code: 'TransactionConflict' }, { Code: 'None' }]) {
  let calls = 0;
  const send = async () => {
    calls += 1;
    if (calls <= conflicts) throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
    return {};
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, calls: () => calls };
}

const tx = (store: TenantStore) => [
  { Update: { Key: { pk: store.pk('PRODUCE'), sk: 'p1' }, UpdateExpression: 'SET held = held + :q', ExpressionAttributeValues: { ':q': 1 } } },
  { Put: { Item: { pk: store.pk('ORDER'), sk: 'o1' } } },
];

describe('a transaction that meets a conflict', () => {
  it('is tried again, and each retry is counted', async () => {
    const c = conflictingClient(3);
    const store = new TenantStore(c.client, 't', 'tnRetry');
    const before = transactionStats.conflictsRetried;
    await store.transact(tx(store));
    expect(c.calls()).toBe(4);
    expect(transactionStats.conflictsRetried - before).toBe(3);
  });

  it('gives up with a 409 after its attempts (5 by default, more when asked)', async () => {
    const c = conflictingClient(100);
    const store = new TenantStore(c.client, 't', 'tnRetry');
    await expect(store.transact(tx(store))).rejects.toMatchObject({ status: 409, code: 'conflict' });
    expect(c.calls()).toBe(5);
    const d = conflictingClient(100);
    const patient = new TenantStore(d.client, 't', 'tnRetry');
    await expect(patient.transact(tx(patient), { attempts: 8 })).rejects.toBeInstanceOf(AppError);
    expect(d.calls()).toBe(8);
  });

  it('a failed condition is not retried: it raises the failing item’s own error at once', async () => {
    const c = conflictingClient(100, [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }]);
    const store = new TenantStore(c.client, 't', 'tnRetry');
    const soldOut = new AppError('out_of_stock', 409, 'sold out');
    const items = tx(store);
    await expect(store.transact([items[0], { ...items[1], failWith: soldOut }])).rejects.toBe(soldOut);
    expect(c.calls()).toBe(1);
  });
});
