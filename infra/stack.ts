import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ENTRIES } from './bundling.js';
import { Api } from './constructs/api.js';
import { Identity } from './constructs/identity.js';
import { AppTable } from './constructs/table.js';
import { Web } from './constructs/web.js';

export type BangfuStackProps = StackProps & {
  /** the built web app (web/dist) to upload; absent, the bucket is left as it is */
  webDist?: string;
};

/**
 * The deployable system (ARCHITECTURE.md, request path): browser → CloudFront → S3 (web/dist),
 * and /api/* → HTTP API → the API Lambda → the one DynamoDB table; identity from Cognito.
 * Webhooks and jobs functions join when their modules exist.
 */
export class BangfuStack extends Stack {
  readonly table: AppTable;
  readonly identity: Identity;
  readonly api: Api;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: BangfuStackProps = {}) {
    super(scope, id, props);
    this.table = new AppTable(this, 'Data');
    this.identity = new Identity(this, 'Identity');
    this.api = new Api(this, 'Api', {
      entry: ENTRIES.api,
      table: this.table.table,
      userPool: this.identity.userPool,
      client: this.identity.client,
    });
    this.web = new Web(this, 'Web', { apiDomainName: this.api.domainName, webDist: props.webDist });

    new CfnOutput(this, 'WebUrl', { value: this.web.url, description: 'the web app (CloudFront); the API is under /api' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint, description: 'the HTTP API, direct (routes under /api)' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
  }
}
