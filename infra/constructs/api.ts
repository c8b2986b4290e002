import { Fn } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';
import { API_FILE_KEYS, type PhotoFiles } from './files.js';
import { USER_ADMIN_ACTIONS } from './identity.js';
import type { StripeSecrets } from './stripe-secrets.js';

/**
 * The API: the Hono app in one Lambda function behind an HTTP API. Every path under /api goes to
 * the app, which does its own routing, authentication and authorization; the HTTP API adds none.
 * The function signs users in and creates them in the user pool (functions/adapters/cognito-directory.ts).
 */
export class Api extends Construct {
  readonly function: AppFunction;
  readonly httpApi: HttpApi;
  /** the HTTP API's host name, for CloudFront's origin */
  readonly domainName: string;

  constructor(
    scope: Construct,
    id: string,
    props: { entry: string; table: ITable; userPool: UserPool; client: UserPoolClient; files: PhotoFiles; stripe: StripeSecrets },
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
    // creating users writes to the pool; on this pool's ARN only
    props.userPool.grant(this.function.fn, ...USER_ADMIN_ACTIONS);
    this.httpApi = new HttpApi(this, 'HttpApi', { description: 'Bangfu API; browsers reach it through CloudFront under /api' });
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('App', this.function.fn),
    });
    // apiEndpoint is https://<id>.execute-api.<region>.amazonaws.com
    this.domainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }
}
