import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ENTRIES } from './bundling.js';
import { Api } from './constructs/api.js';
import { PhotoFiles } from './constructs/files.js';
import { Identity } from './constructs/identity.js';
import { Jobs } from './constructs/jobs.js';
import { Ledger } from './constructs/ledger.js';
import { StripeSecrets } from './constructs/stripe-secrets.js';
import { Webhooks } from './constructs/webhooks.js';
import { AppTable } from './constructs/table.js';
import { Web } from './constructs/web.js';
import { Alarms } from './constructs/alarms.js';
import { keepsData, type Stage } from './stage.js';

export type BangfuStackProps = StackProps & {
  /** the built web app (web/dist) to upload; absent, the bucket is left as it is */
  webDist?: string;
  /**
   * The Secrets Manager secret holding `{"secretKey": "sk_…", "webhookSecret": "whsec_…"}`
   * (default `bangfu/stripe`; create it before the first deploy).
   */
  stripeSecretName?: string;
  /** dev or prod (infra/stage.ts); prod when not given, so a stack made without one keeps its data */
  stage?: Stage;
  /** an address the alarm topic mails (confirm the subscription once) */
  alarmEmail?: string;
  /** the notifications' sender, an SES-verified address or one of a verified domain (context `mailFrom`) */
  mailFrom?: string;
  /** the SES identity to grant (context `mailIdentity`; default the address of mailFrom) */
  mailIdentity?: string;
};

/**
 * The deployable system (ARCHITECTURE.md, request path): browser → CloudFront → S3 (web/dist),
 * and /api/* → HTTP API → the API Lambda → the one DynamoDB table; identity from Cognito; photos in
 * a private bucket served through the API; Stripe → POST /api/webhooks/stripe → the webhooks
 * Lambda; EventBridge Scheduler → the jobs Lambda (checkout expiry every minute, report deadlines
 * every hour); alarms on the API's 5xx answers and on every function's errors and throttles.
 */
export class BangfuStack extends Stack {
  readonly table: AppTable;
  readonly identity: Identity;
  readonly api: Api;
  readonly web: Web;
  readonly files: PhotoFiles;
  readonly webhooks: Webhooks;
  readonly jobs: Jobs;
  readonly ledger: Ledger;
  readonly alarms: Alarms;
  readonly stage: Stage;

  constructor(scope: Construct, id: string, props: BangfuStackProps = {}) {
    super(scope, id, props);
    this.stage = props.stage ?? 'prod';
    const keep = keepsData(this.stage);
    this.table = new AppTable(this, 'Data', { keep });
    this.identity = new Identity(this, 'Identity', { keep });
    this.files = new PhotoFiles(this, 'Files');
    const stripe = new StripeSecrets(this, 'Stripe', { secretName: props.stripeSecretName ?? 'bangfu/stripe' });
    this.api = new Api(this, 'Api', {
      entry: ENTRIES.api,
      table: this.table.table,
      userPool: this.identity.userPool,
      client: this.identity.client,
      files: this.files,
      stripe,
    });
    this.web = new Web(this, 'Web', { apiDomainName: this.api.domainName, webDist: props.webDist });
    // links, QR codes and Stripe's return URL point at the web app's address, not the HTTP API's
    this.api.function.fn.addEnvironment('PUBLIC_URL', this.web.url);
    this.webhooks = new Webhooks(this, 'Webhooks', { entry: ENTRIES.webhooks, table: this.table.table, httpApi: this.api.httpApi, stripe });
    this.jobs = new Jobs(this, 'Jobs', { entry: ENTRIES.jobs, table: this.table.table, mailFrom: props.mailFrom, mailIdentity: props.mailIdentity });
    // links in notification emails point at the web app
    this.jobs.function.fn.addEnvironment('PUBLIC_URL', this.web.url);
    // /api/exports/*, /api/imports/* (exceljs, more memory and time), settlements and payouts: out of the API's bundle
    this.ledger = new Ledger(this, 'Ledger', {
      entry: ENTRIES.ledger,
      table: this.table.table,
      httpApi: this.api.httpApi,
      userPool: this.identity.userPool,
      client: this.identity.client,
      files: this.files,
      stripe,
    });

    this.alarms = new Alarms(this, 'Alarms', {
      httpApi: this.api.httpApi,
      functions: { Api: this.api.function.fn, Webhooks: this.webhooks.function.fn, Jobs: this.jobs.function.fn, Ledger: this.ledger.function.fn },
      email: props.alarmEmail,
    });

    new CfnOutput(this, 'Stage', { value: this.stage });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'subscribe to be told of 5xx answers, function errors and throttles' });
    new CfnOutput(this, 'WebUrl', { value: this.web.url, description: 'the web app (CloudFront); the API is under /api' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint, description: 'the HTTP API, direct (routes under /api)' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'StripeWebhookUrl', {
      value: `${this.web.url}/api/webhooks/stripe`,
      description: 'the endpoint to register in Stripe (events: checkout.session.completed, checkout.session.async_payment_succeeded, checkout.session.expired)',
    });
  }
}
