import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * The GSIs, each named for the access pattern it serves. A copy of INDEXES in
 * functions/store/table.ts (infra imports nothing from functions/ but entry paths);
 * tests/infra/table-indexes.test.ts fails if the two drift.
 */
export const TABLE_INDEXES = {
  villagesByCoverage: { pk: 'coveragePk', sk: 'coverageSk' },
  byVillage: { pk: 'villagePk', sk: 'villageSk' },
  byOrganization: { pk: 'orgPk', sk: 'orgSk' },
  auditLog: { pk: 'auditLogPk', sk: 'auditLogSk' },
} as const;

/** Holds carry it; DynamoDB deletes expired items eventually, so correctness never depends on it. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * The one table: keys pk/sk, on demand, point-in-time recovery, TTL, the GSIs above (all attributes
 * projected). With `keep` (prod) it is kept on stack deletion and protected against deletion: it
 * holds every tenant's data; without (dev) it goes with the stack.
 */
export class AppTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: { keep: boolean } = { keep: true }) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // the notification outbox's items reach the jobs function through the stream
      stream: StreamViewType.NEW_IMAGE,
      deletionProtection: props.keep,
      removalPolicy: props.keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const [indexName, keys] of Object.entries(TABLE_INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: keys.pk, type: AttributeType.STRING },
        sortKey: { name: keys.sk, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
