/**
 * cdk-nag's AwsSolutions findings we accept, each with its reason. The infra tests run
 * the AwsSolutions pack on the stacks infra/stacks.ts makes (tests/infra/nag.test.ts) and fail on
 * any error or warning not acknowledged here. Everything else the pack asks for is fixed in the
 * constructs: access logs (CloudFront, S3 server access logs, the API stage), the WAF, TLS-only
 * buckets and topic, TLS 1.2 with a custom domain.
 *
 * cdk-nag 3 acknowledges through CDK's own `Validations.of(construct).acknowledge({ id, reason })`
 * (an acknowledgement covers the construct and everything under it); a finding about one
 * resource of a policy (IAM5) is acknowledged by its own id, `AwsSolutions-IAM5[Resource::…]`,
 * so a new wildcard is a new finding that needs its own reason.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AppFunction } from './constructs/app-function.js';
import { API_FILE_KEYS, APPLICATION_FILE_KEYS, PAYOUT_FILE_KEYS } from './constructs/files.js';
import { PHOTO_ORIGINAL_KEYS, PHOTO_SIZE_KEYS } from './constructs/photos.js';
import type { BangfuEdgeStack } from './edge-stack.js';
import type { BangfuStack } from './stack.js';

export type NagAcknowledgement = { id: string; reason: string };

/** Every acknowledgement made, by construct path (tests/infra/nag.test.ts checks each has a reason). */
export const ACKNOWLEDGED = new Map<string, NagAcknowledgement[]>();

function ack(scope: IConstruct, id: string, reason: string) {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::${id}`, reason });
  const list = ACKNOWLEDGED.get(scope.node.path) ?? [];
  list.push({ id, reason });
  ACKNOWLEDGED.set(scope.node.path, list);
}

/** `<LogicalId.Arn>` as cdk-nag writes a reference to a resource's ARN in a finding's id. */
const arnOf = (scope: IConstruct) => `<${Stack.of(scope).getLogicalId(scope.node.defaultChild as never)}.Arn>`;

export function acknowledgeNagFindings(main: BangfuStack, edge?: BangfuEdgeStack): void {
  const functions: Record<string, AppFunction> = {
    api: main.api.function,
    webhooks: main.webhooks.function,
    jobs: main.jobs.function,
    ledger: main.ledger.function,
    photos: main.api.photos.function,
  };
  const table = arnOf(main.table.table);
  const files = arnOf(main.files.bucket);

  for (const [name, fn] of Object.entries(functions)) {
    ack(
      fn,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `the ${name} function's role has AWS's basic execution policy, which CDK attaches to every function: logs:CreateLogGroup, CreateLogStream and PutLogEvents only; the function writes to its own log group with a retention (AppFunction)`,
    );
    ack(
      fn,
      'AwsSolutions-IAM5[Resource::*]',
      name === 'jobs'
        ? 'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) and the table stream event source (dynamodb:ListStreams) take no resource but *; every other action of the jobs function names its resource (tests/infra/stack.test.ts)'
        : `X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) takes no resource but *; every other action of the ${name} function names its resource (tests/infra/deploy-stack.test.ts)`,
    );
    ack(
      fn,
      `AwsSolutions-IAM5[Resource::${table}/index/*]`,
      `the ${name} function queries the one table's own GSIs (infra/constructs/table.ts TABLE_INDEXES); item actions only, never Scan, never another table`,
    );
    ack(
      fn,
      'AwsSolutions-L1',
      'Node 22 (nodejs22.x) is pinned on purpose: the bundles target node22 (infra/bundling.ts NODE_MAJOR) and the cold-start bench measured it; runtime and target move together, in their own change',
    );
  }
  for (const key of API_FILE_KEYS) {
    ack(
      main.api.function,
      `AwsSolutions-IAM5[Resource::${files}/${key}]`,
      `the API reads, writes and deletes tenants' files under ${key} (<tenantId>/<kind>/<id>): one kind of object, every tenant's; the app scopes each request to its caller's tenant`,
    );
  }
  for (const key of [PHOTO_ORIGINAL_KEYS, PHOTO_SIZE_KEYS]) {
    ack(
      main.api.photos.function,
      `AwsSolutions-IAM5[Resource::${files}/${key}]`,
      `the photos function reads listing photo originals and writes their WebP sizes (${key}), every tenant's: it acts on the bucket's own events, never on a request`,
    );
  }
  for (const key of [...PAYOUT_FILE_KEYS, ...APPLICATION_FILE_KEYS]) {
    ack(
      main.ledger.function,
      `AwsSolutions-IAM5[Resource::${files}/${key}]`,
      `the ledger function reads and writes files under ${key} (<tenantId>/<kind>/<id>): one kind of object, every tenant's; the app scopes each request to its caller's tenant`,
    );
  }
  // the scheduler's role (one per stack, made by LambdaInvoke) may invoke the jobs function, any version
  ack(
    main,
    `AwsSolutions-IAM5[Resource::${arnOf(main.jobs.function.fn)}:*]`,
    'the EventBridge Scheduler role may invoke the jobs function alone, any of its versions (<arn>:*, as CDK grants lambda:InvokeFunction); nothing else',
  );

  ack(
    main.api.httpApi,
    'AwsSolutions-APIG4',
    'the HTTP API adds no authorizer on purpose: the app authenticates every request itself (Cognito JWTs verified in functions/http/auth.ts, per-route roles), public routes are public by design, and a request that did not come through CloudFront is a 403 (functions/http/origin-secret.ts)',
  );

  const pool = main.identity.userPool;
  ack(
    pool,
    'AwsSolutions-COG1',
    "the app enforces its own password rule in the service (at least 10 characters, not the email, not a common password) and the pool's minimum length matches it; Cognito's character-class rules would refuse passwords the app accepts",
  );
  ack(
    pool,
    'AwsSolutions-COG2',
    'MFA is optional at the pool level (software token, no SMS); the app requires TOTP for platform admins and, by the tenant setting, bureau admins',
  );
  ack(
    pool,
    'AwsSolutions-COG8',
    "Cognito's Plus tier (threat protection) is not bought: sign-in is throttled per email and client by the app and per IP by the WAF's rate rule in front of /api/auth/",
  );

  ack(
    main.originSecret,
    'AwsSolutions-SMG4',
    'the origin secret is a shared marker between CloudFront and the functions, both resolved from it at deploy; automatic rotation would change it under them. Rotate by putting a new value and deploying',
  );

  const distribution = main.web.distribution;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    'no geo restriction: donors and buyers of the public pages are anywhere, and the WAF rate rule and managed rules apply to all',
  );
  if (!main.web.domainName) {
    ack(
      distribution,
      'AwsSolutions-CFR4',
      "no custom domain in context: the distribution answers on *.cloudfront.net with CloudFront's default certificate, whose security policy CloudFront fixes (TLSv1) and nobody can raise; with context domainName and certificateArn it is TLSv1.2_2021 (infra/edge-config.ts)",
    );
  }

  for (const logs of [main.logs.bucket, ...(edge ? [edge.logs.bucket] : [])]) {
    ack(
      logs,
      'AwsSolutions-S1',
      'this is the access-log bucket itself: logging its own access into itself would loop; its objects expire after ACCESS_LOG_DAYS',
    );
  }
}
