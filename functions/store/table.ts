import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * One table, keys pk/sk. Every partition key, GSI keys included, starts with `T#<tenantId>#`.
 * Each GSI is named for the access pattern it serves (infra/ declares the same ones).
 */
export const INDEXES = {
  /** villages of a tenant, supervised-and-uncovered first (rule 1), then by township and name */
  villagesByCoverage: { pk: 'coveragePk', sk: 'coverageSk' },
  /** records of one village (pairings, …) by date */
  byVillage: { pk: 'villagePk', sk: 'villageSk' },
  /** records of one organization (pairings, …) by date */
  byOrganization: { pk: 'orgPk', sk: 'orgSk' },
  /** a tenant's audit events by time (the bureau's audit log); only audit events carry its keys */
  auditLog: { pk: 'auditLogPk', sk: 'auditLogSk' },
} as const;
export type IndexName = keyof typeof INDEXES;
export const INDEX_KEY_ATTRIBUTES = Object.values(INDEXES).flatMap((i) => [i.pk, i.sk]);

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(client, tableName, new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)));
    return 'exists';
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException) && (e as Error).name !== 'ResourceNotFoundException') throw e;
  }
  const attrs = new Set(['pk', 'sk', ...INDEX_KEY_ATTRIBUTES]);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attrs].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.entries(INDEXES).map(([name, k]) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: k.pk, KeyType: 'HASH' },
          { AttributeName: k.sk, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  return 'created';
}

/**
 * A table made before an index was added (a local DATA_DIR from an earlier version: the auditLog
 * index came with issue 15) gets it, one at a time as DynamoDB allows; items written before carry
 * no keys of it, so it lists what is written from now on.
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, present: Set<string | undefined>): Promise<void> {
  for (const [name, k] of Object.entries(INDEXES)) {
    if (present.has(name)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [k.pk, k.sk].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: name,
              KeySchema: [
                { AttributeName: k.pk, KeyType: 'HASH' },
                { AttributeName: k.sk, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    for (let i = 0; i < 100; i++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === name)?.IndexStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
