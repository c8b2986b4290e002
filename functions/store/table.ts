import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

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
} as const;
export type IndexName = keyof typeof INDEXES;
export const INDEX_KEY_ATTRIBUTES = Object.values(INDEXES).flatMap((i) => [i.pk, i.sk]);

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
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
