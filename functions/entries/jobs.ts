/**
 * The jobs Lambda, invoked by EventBridge Scheduler every minute: checkout expiry (holds past
 * expiresAt released, their orders expired) across every tenant.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { releaseExpiredHoldsEverywhereUnscoped } from '../modules/orders/sweeper.js';

const env = z.object({ TABLE_NAME: z.string().min(3).max(255) }).parse(process.env);

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export const handler = async (): Promise<{ tenants: number; released: number }> => {
  const result = await releaseExpiredHoldsEverywhereUnscoped(doc, env.TABLE_NAME, new Date());
  console.log(JSON.stringify({ level: 'info', job: 'release-expired-holds', ...result }));
  return result;
};
