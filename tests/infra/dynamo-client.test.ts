import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { Agent } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { dynamoMaxSockets, dynamoRequestHandler, LAMBDA_MAX_SOCKETS, SERVER_MAX_SOCKETS } from '../../functions/adapters/dynamo-client.js';
import { dynamoClient } from '../../functions/adapters/dynamo-local.js';
import { ensureTable } from '../../functions/store/table.js';

/**
 * The DynamoDB client's connection pool (functions/adapters/dynamo-client.ts): sized by where it
 * runs — a Lambda container serves one request at a time, the local server hundreds — and
 * keep-alive. With the SDK's 50, 200 buyers at once queued 150 requests behind the pool.
 */
describe('the DynamoDB client’s pool', () => {
  it('is small on Lambda, large on the server, and DYNAMODB_MAX_SOCKETS overrides both', () => {
    expect(dynamoMaxSockets({ AWS_LAMBDA_FUNCTION_NAME: 'bangfu-api' })).toBe(LAMBDA_MAX_SOCKETS);
    expect(dynamoMaxSockets({})).toBe(SERVER_MAX_SOCKETS);
    expect(LAMBDA_MAX_SOCKETS).toBeLessThan(50);
    expect(SERVER_MAX_SOCKETS).toBeGreaterThanOrEqual(200);
    expect(dynamoMaxSockets({ DYNAMODB_MAX_SOCKETS: '64', AWS_LAMBDA_FUNCTION_NAME: 'x' })).toBe(64);
    for (const bad of ['0', '-3', '2.5', 'many']) expect(dynamoMaxSockets({ DYNAMODB_MAX_SOCKETS: bad })).toBe(SERVER_MAX_SOCKETS);
  });

  it('keeps connections alive, on both protocols', async () => {
    // the agents the handler makes (resolved on its first request; read here without one)
    const handler = dynamoRequestHandler({ AWS_LAMBDA_FUNCTION_NAME: 'bangfu-api' }) as unknown as {
      configProvider: Promise<{ httpAgentProvider: () => Promise<Agent>; httpsAgent: Agent }>;
    };
    const config = await handler.configProvider;
    expect(config.httpsAgent).toMatchObject({ keepAlive: true, maxSockets: LAMBDA_MAX_SOCKETS });
    expect(await config.httpAgentProvider()).toMatchObject({ keepAlive: true, maxSockets: LAMBDA_MAX_SOCKETS });
  });

  it('lets the local server’s client run more than the SDK’s 50 requests at once against DynamoDB Local', async () => {
    const client = dynamoClient(inject('dynamoEndpoint'));
    const table = `pool_${process.pid}_${Date.now().toString(36)}`;
    await ensureTable(client, table);
    const handler = client.config.requestHandler as unknown as { config?: { httpAgent: Agent } };
    await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'warm' }, sk: { S: 'warm' } } }));
    const agent = handler.config!.httpAgent;
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, Object.values(agent.sockets).flat().length)), 1);
    try {
      await Promise.all(
        Array.from({ length: 120 }, (_, i) => client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `p${i}` }, sk: { S: 's' } } }))),
      );
    } finally {
      clearInterval(watch);
      client.destroy();
    }
    expect(most).toBeGreaterThan(50);
  }, 60_000);
});
