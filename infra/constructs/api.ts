import { Fn } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';
import { PhotoSizes } from './photos.js';
import { API_FILE_KEYS, type PhotoFiles } from './files.js';
import { USER_ADMIN_ACTIONS } from './identity.js';
import type { StripeSecrets } from './stripe-secrets.js';

/**
 * One JSON line per request in the stage's access log: who (source IP), what (method, route and
 * path — no query string: tokens must not land in logs), the answer and its timing. The
 * password-reset and invitation links carry their token in the path, as CloudFront's logs see it too.
 */
export const API_ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  userAgent: '$context.identity.userAgent',
};

/** The API access log's retention (ACCESS_LOG_DAYS, infra/edge-config.ts). */
export const API_ACCESS_LOG_RETENTION = RetentionDays.THREE_MONTHS;

/**
 * The API: the Hono app in one Lambda function behind an HTTP API. Every path under /api goes to
 * the app, which does its own routing, authentication and authorization; the HTTP API adds none.
 * The function signs users in and creates them in the user pool (functions/adapters/cognito-directory.ts).
 */
export class Api extends Construct {
  readonly function: AppFunction;
  /** the photos function: the WebP sizes of each new listing photo */
  readonly photos: PhotoSizes;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** the stage's access log (a log group with a retention) */
  readonly accessLogs: LogGroup;
  /** the HTTP API's host name, for CloudFront's origin */
  readonly domainName: string;

  constructor(
    scope: Construct,
    id: string,
    props: {
      entry: string;
      table: ITable;
      userPool: UserPool;
      client: UserPoolClient;
      files: PhotoFiles;
      stripe: StripeSecrets;
      /** the $default stage's throttle for all callers together (context apiRateLimit, apiBurstLimit) */
      throttle?: { rateLimit: number; burstLimit: number };
    },
  ) {
    super(scope, id);
    this.function = new AppFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Bangfu API (Hono app)',
      table: { table: props.table, access: 'readWrite' },
      environment: {
        USER_POOL_ID: props.userPool.userPoolId,
        USER_POOL_CLIENT_ID: props.client.userPoolClientId,
        FILES_BUCKET: props.files.bucket.bucketName,
      },
      // checkout sessions and refunds: the keys read at cold start
      stripe: props.stripe,
    });
    // listing photos: stored, served and removed through the API only
    props.files.grantFiles(this.function.fn, API_FILE_KEYS);
    // each photo the API stores or a browser posts (presigned by the API's role) gets its sizes made
    this.photos = new PhotoSizes(this, 'Photos', { files: props.files });
    // creating users writes to the pool; on this pool's ARN only
    props.userPool.grant(this.function.fn, ...USER_ADMIN_ACTIONS);
    // the $default stage made here, not by HttpApi, for its throttle and access log (same logical id as HttpApi's own)
    this.httpApi = new HttpApi(this, 'HttpApi', { description: 'Bangfu API; browsers reach it through CloudFront under /api', createDefaultStage: false });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: API_ACCESS_LOG_RETENTION });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: AccessLogFormat.custom(JSON.stringify(API_ACCESS_LOG_FORMAT)) },
    });
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('App', this.function.fn),
    });
    // apiEndpoint is https://<id>.execute-api.<region>.amazonaws.com
    this.domainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }
}
