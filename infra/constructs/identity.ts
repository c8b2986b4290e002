import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, Mfa, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
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
 * What the API does to the pool when an administrator creates a user (functions/adapters/
 * cognito-directory.ts): create it, set its password, and delete it again if the user's record
 * could not be written. Signing in (InitiateAuth) is a public call and needs no permission.
 */
export const USER_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDeleteUser',
  // turning a user's software-token MFA on once enrolled (ledger), and aside for the one
  // sign-in with a recovery code (api). Enrolling itself (AssociateSoftwareToken,
  // VerifySoftwareToken) and answering the MFA challenge are calls with the user's own tokens.
  'cognito-idp:AdminSetUserMFAPreference',
] as const;

/**
 * The ledger function's (invitations accepted, passwords reset, users disabled and
 * enabled; and POST /api/users, which API Gateway sends there with GET /api/users): the above, and
 * disabling, enabling and signing a user out everywhere.
 */
export const USER_DIRECTORY_ACTIONS = [
  ...USER_ADMIN_ACTIONS,
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/**
 * The app's own password rule (shared/schemas/identity.ts UserInput: at least 8 characters), so a
 * password the API accepts is one Cognito accepts; the default policy would refuse many of them.
 */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * Cognito: one user pool (email sign-in, accounts created by administrators, not by sign-up) and
 * the web app's client (public: no secret). The API signs users in through that client with
 * USER_PASSWORD_AUTH (POST /api/auth/login keeps one contract in both modes); SRP stays allowed
 * for a client that signs in with Cognito directly. A user with software-token MFA answers
 * InitiateAuth with a SOFTWARE_TOKEN_MFA challenge, which the API answers with the user's code.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  /** `keep` (prod): the pool outlives the stack and refuses deletion; dev's goes with the stack. */
  constructor(scope: Construct, id: string, props: { keep: boolean } = { keep: true }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      selfSignUpEnabled: false,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // two-step verification with an authenticator app (TOTP) for whoever enrols; the API
      // decides who must (platform admins; bureau admins when their tenant says so), so the pool
      // leaves it optional. No SMS: no texts to pay for, no SIM swaps.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: PASSWORD_MIN_LENGTH,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
      },
      customAttributes: Object.fromEntries(
        Object.entries(CUSTOM_ATTRIBUTES).map(([name, a]) => [name, new StringAttribute({ minLen: 1, maxLen: a.maxLen, mutable: a.mutable })]),
      ),
      deletionProtection: props.keep,
      removalPolicy: props.keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const custom = Object.keys(CUSTOM_ATTRIBUTES);
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
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
