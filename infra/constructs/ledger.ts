import { Duration } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';
import { APPLICATION_FILE_KEYS, PAYOUT_FILE_KEYS, type PhotoFiles } from './files.js';
import { USER_DIRECTORY_ACTIONS } from './identity.js';
import type { StripeSecrets } from './stripe-secrets.js';

/** The HTTP API routes of the ledger function (more specific than /api/{proxy+}, so they win). */
export const LEDGER_ROUTES = [
  '/api/exports/{proxy+}',
  '/api/imports/{proxy+}',
  '/api/settlements',
  '/api/payouts',
  '/api/payouts/{proxy+}',
  '/api/organizations/{id}/payout-account',
  // the bell, accounts and applications
  '/api/notifications',
  '/api/notifications/{proxy+}',
  '/api/me/notification-settings',
  // enrolling an authenticator app (two-step verification)
  '/api/me/mfa/totp',
  '/api/me/mfa/totp/confirm',
  '/api/invitations',
  '/api/auth/invitations/{proxy+}',
  '/api/auth/password-reset',
  '/api/auth/password-reset/{proxy+}',
  // the audit trail and the tenant's audit log (back office)
  '/api/audit',
  // GET (the list with invitations, here) and POST (create, identity routes: the ledger app has them all) alike
  '/api/users',
  '/api/users/{id}/disable',
  '/api/users/{id}/enable',
  '/api/applications',
  '/api/applications/{proxy+}',
  '/api/public/{tenantSlug}/applications',
  '/api/public/{tenantSlug}/applications/{proxy+}',
  // the bureau's review of organizations' name, kind and credit-code changes
  '/api/organization-changes',
  '/api/organization-changes/{proxy+}',
  // the bureau confirms or rejects a member's donation, closes a need with a reason
  '/api/donations/{id}/confirm',
  '/api/donations/{id}/reject',
  '/api/needs/{id}/close',
  // a listing's QR code (its encoder stays out of the api bundle)
  '/api/public/{tenantSlug}/produce/{id}/qr.png',
  '/api/public/{tenantSlug}/villages/{id}/qr.png',
  '/api/public/{tenantSlug}/campaigns/{id}/qr.png',
  // rarely used back-office pages, out of the api function's bundle and cold start
  '/api/commitments',
  '/api/campaigns',
  '/api/campaigns/{id}',
  '/api/stories',
  '/api/stories/{id}',
  '/api/stories/{id}/photos',
  '/api/stories/{id}/photos/{photoId}',
  '/api/public/{tenantSlug}/stories',
  '/api/public/{tenantSlug}/stories/{id}',
  '/api/public/{tenantSlug}/stories/{id}/photos/{photoId}',
  '/api/recognition',
  '/api/recognition/{proxy+}',
  '/api/assessments',
  '/api/assessments/{proxy+}',
  '/api/expenditures',
  '/api/expenditures/{id}',
  '/api/villages/{id}/funds',
  '/api/concerns',
  '/api/concerns/{id}',
  '/api/public/{tenantSlug}/concerns',
  '/api/public/{tenantSlug}/concerns/{id}',
] as const;

/** More than the API's: exceljs builds and reads workbooks in memory-hungry zip streams. */
export const LEDGER_MEMORY_MB = 1024;
/** The HTTP API gives up on an integration after 30 s; the function may use all of it. */
export const LEDGER_TIMEOUT = Duration.seconds(30);

/**
 * The ledger function (functions/entries/ledger.ts): the monthly Excel export and the imports of
 * villages and organizations (the only routes that need exceljs), and the back office's money
 * (settlements, payouts), kept out of the API function's bundle. It verifies Cognito tokens like
 * the API and reads and writes the table; payout evidence goes to the files bucket, Stripe
 * transfers use the Stripe secret; no user pool writes. Uploads on AWS: a Lambda request is at
 * most 6 MB and the HTTP API base64-encodes a binary body, so an import above about 4.4 MB is
 * refused by AWS with a 413.
 */
export class Ledger extends Construct {
  readonly function: AppFunction;

  constructor(
    scope: Construct,
    id: string,
    props: { entry: string; table: ITable; httpApi: HttpApi; userPool: UserPool; client: UserPoolClient; files: PhotoFiles; stripe: StripeSecrets },
  ) {
    super(scope, id);
    this.function = new AppFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Bangfu ledger: Excel export and imports, settlements and payouts, accounts, applications, notifications',
      table: { table: props.table, access: 'readWrite' },
      environment: { USER_POOL_ID: props.userPool.userPoolId, USER_POOL_CLIENT_ID: props.client.userPoolClientId, FILES_BUCKET: props.files.bucket.bucketName },
      stripe: props.stripe,
      memorySize: LEDGER_MEMORY_MB,
      timeout: LEDGER_TIMEOUT,
    });
    props.files.grantFiles(this.function.fn, [...PAYOUT_FILE_KEYS, ...APPLICATION_FILE_KEYS]);
    // invitations accepted, passwords reset, users disabled (functions/adapters/cognito-directory.ts)
    props.userPool.grant(this.function.fn, ...USER_DIRECTORY_ACTIONS);
    const integration = new HttpLambdaIntegration('Ledger', this.function.fn);
    for (const path of LEDGER_ROUTES) props.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration });
  }
}
