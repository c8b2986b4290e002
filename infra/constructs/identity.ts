import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The custom attributes the API reads from ID tokens (as `custom:<name>`, see
 * functions/adapters/cognito.ts CUSTOM_CLAIMS).
 */
export const CUSTOM_ATTRIBUTES = {
  // a user never changes tenant: tenancy is fixed at creation
  tenantId: { maxLen: 64, mutable: false },
  // a bureau may promote or demote a user
  role: { maxLen: 32, mutable: true },
  // a member may move to another organization; empty for bureau and platform admins
  organizationId: { maxLen: 64, mutable: true },
} as const;

/**
 * Cognito: one user pool (email sign-in, accounts created by administrators, not by sign-up) and
 * the web app's client (public: no secret, SRP sign-in).
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      selfSignUpEnabled: false,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: Object.fromEntries(
        Object.entries(CUSTOM_ATTRIBUTES).map(([name, a]) => [name, new StringAttribute({ minLen: 1, maxLen: a.maxLen, mutable: a.mutable })]),
      ),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const custom = Object.keys(CUSTOM_ATTRIBUTES);
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // the ID token carries the custom attributes the API authorizes with
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes(...custom),
      // never writable by the user: otherwise anyone could set their own tenant or role
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }
}
