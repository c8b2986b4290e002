import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import path from 'node:path';
import { BUNDLING, cdkEsbuildArgs, LAMBDA_NODE_OPTIONS, REPO_ROOT } from '../bundling.js';
import { StripeSecrets } from './stripe-secrets.js';

/**
 * What a function may do with the table. Neither level includes Scan: request paths never scan
 * (docs/ARCHITECTURE.md, Data), so a function that starts to will fail loudly instead of quietly.
 * TransactWriteItems needs no action of its own: each of its Put/Update/Delete/ConditionCheck does.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
} as const;
export type TableAccess = keyof typeof TABLE_ACTIONS;

export type AppFunctionProps = {
  /** absolute path of the entry file under functions/entries/ */
  entry: string;
  description: string;
  /** the table and how much of it the function may touch; sets TABLE_NAME */
  table?: { table: ITable; access: TableAccess };
  environment?: Record<string, string>;
  /**
   * the Stripe keys, read at cold start: sets STRIPE_SECRET_ID, adds the Parameters and Secrets
   * extension's layer and grants secretsmanager:GetSecretValue on that secret only; and the Stripe
   * SDK's layer (no bundle carries the SDK: infra/stripe-layer.ts)
   */
  stripe?: StripeSecrets;
  memorySize?: number;
  timeout?: Duration;
  /** packages left out of the bundle besides the AWS SDK's (a layer provides them: sharp for the photos function) */
  externalModules?: string[];
};

/**
 * Every Bangfu Lambda function, with its defaults fixed once: Node 22 on ARM, an esbuild bundle
 * (minified, source maps on, the AWS SDK bundled but for what loads on first use; see
 * infra/bundling.ts), X-Ray tracing, a log group with a retention, and table access granted by
 * level, on that table and its indexes only.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
        ...(props.table ? { TABLE_NAME: props.table.table.tableName } : {}),
        ...props.stripe?.environment,
        ...props.environment,
      },
      paramsAndSecrets: props.stripe ? StripeSecrets.layer() : undefined,
      layers: props.stripe ? [props.stripe.sdkLayer] : undefined,
      bundling: {
        target: BUNDLING.target,
        format: OutputFormat.ESM,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        externalModules: [...BUNDLING.external, ...(props.externalModules ?? [])],
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        esbuildArgs: cdkEsbuildArgs(),
        // esbuild is a dev dependency: synth bundles locally and never needs Docker
        forceDockerBundling: false,
      },
    });
    if (props.table) props.table.table.grant(this.fn, ...TABLE_ACTIONS[props.table.access]);
    props.stripe?.grantRead(this.fn);
  }

  /**
   * Reserves `n` of the account's concurrent executions for this function: at most `n`
   * run at once, so one function's flood neither starves the others nor runs up the bill; and
   * they are always there for it. Lambda keeps 100 of the account's limit unreserved: see
   * infra/edge-config.ts for a new account.
   */
  reserveConcurrency(n: number): void {
    (this.fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = n;
  }
}
