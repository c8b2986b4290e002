import type { AttributeType, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AppError } from '../errors.js';
import { CUSTOM_CLAIMS } from './cognito.js';
import type { CreatedLogin, NewLogin, SignInOutcome, UserDirectory } from './identity.js';
import { loadOnce } from './load-once.js';

/** The one method of the SDK client this adapter calls; tests hand in a stand-in for it. */
export type CognitoClient = Pick<CognitoIdentityProviderClient, 'send'>;

/**
 * The Cognito SDK, loaded on the first sign-in or user change: a cold start that serves anything
 * else (token checks need no SDK: cognito.ts) never pays for it.
 */
type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');
const loadSdk = loadOnce(() => import('@aws-sdk/client-cognito-identity-provider'));

/** SDK errors are told apart by `name` (the service's exception type). */
const isNamed = (err: unknown, ...names: string[]) => err instanceof Error && names.includes(err.name);

/** The attributes an ID token will carry: the ones claimsFromIdToken (cognito.ts) reads. */
function attributes(user: NewLogin): AttributeType[] {
  return [
    { Name: 'email', Value: user.email },
    // the administrator vouches for the address: no verification code is ever sent
    { Name: 'email_verified', Value: 'true' },
    { Name: CUSTOM_CLAIMS.tenantId, Value: user.tenantId },
    { Name: CUSTOM_CLAIMS.role, Value: user.role },
    // the pool's attribute needs at least one character: a bureau or platform admin has none
    ...(user.organizationId ? [{ Name: CUSTOM_CLAIMS.organizationId, Value: user.organizationId }] : []),
  ];
}

/**
 * The user directory on AWS: a Cognito user pool whose users administrators create (no sign-up),
 * signed in with USER_PASSWORD_AUTH through the web app's client. The API returns the ID token,
 * because only it carries the custom attributes CognitoVerifier authorizes with.
 */
export class CognitoDirectory implements UserDirectory {
  private client: CognitoClient | undefined;
  private readonly userPoolId: string;
  private readonly clientId: string;

  constructor(opts: { userPoolId: string; clientId: string; client?: CognitoClient }) {
    this.userPoolId = opts.userPoolId;
    this.clientId = opts.clientId;
    this.client = opts.client;
  }

  /** The SDK and this directory's one client, both made on first use. */
  protected async cognito(): Promise<{ sdk: CognitoSdk; client: CognitoClient }> {
    const s = await loadSdk();
    // a pool's id starts with its region (ap-east-1_AbC123), whatever region the function runs in
    this.client ??= new s.CognitoIdentityProviderClient({ region: this.userPoolId.split('_')[0] });
    return { sdk: s, client: this.client };
  }

  async createLogin(user: NewLogin, password: string): Promise<CreatedLogin | null> {
    const { sdk: s, client } = await this.cognito();
    let created;
    try {
      created = await client.send(
        new s.AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.email,
          UserAttributes: attributes(user),
          // the administrator hands the password over; Cognito's invitation would mail a temporary one
          MessageAction: 'SUPPRESS',
        }),
      );
    } catch (err) {
      if (isNamed(err, 'UsernameExistsException')) return null;
      throw err;
    }
    try {
      const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!sub) throw new Error('AdminCreateUser answered without the user’s sub');
      // permanent: otherwise the first sign-in is a NEW_PASSWORD_REQUIRED challenge the API cannot answer
      await client.send(new s.AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: user.email, Password: password, Permanent: true }));
      return { userId: sub };
    } catch (err) {
      // a user without a usable password would hold the email for good
      await this.deleteLogin(user.email);
      // the password is the only parameter the caller chose (Cognito refuses, say, a trailing space)
      if (isNamed(err, 'InvalidPasswordException', 'InvalidParameterException')) throw AppError.field('password', '密码不符合要求');
      throw err;
    }
  }

  async deleteLogin(email: string): Promise<void> {
    const { sdk: s, client } = await this.cognito();
    try {
      await client.send(new s.AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    } catch (err) {
      if (!isNamed(err, 'UserNotFoundException')) throw err;
    }
  }

  /** InitiateAuth with the password: its answer, or null for a wrong password (or an unknown email). */
  protected async passwordAuth(email: string, password: string) {
    const { sdk: s, client } = await this.cognito();
    try {
      return await client.send(
        new s.InitiateAuthCommand({
          ClientId: this.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
    } catch (err) {
      // the pool prevents user-existence errors, so an unknown email is NotAuthorized too
      if (isNamed(err, 'NotAuthorizedException', 'UserNotFoundException')) return null;
      throw err;
    }
  }

  async signIn(email: string, password: string, code?: string): Promise<SignInOutcome> {
    const out = await this.passwordAuth(email, password);
    if (!out) return null;
    // a login with software-token MFA answers the password with this challenge
    if (out.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      if (!code) return { secondFactor: 'required' };
      const { sdk: s, client } = await this.cognito();
      try {
        const answered = await client.send(
          new s.RespondToAuthChallengeCommand({
            ClientId: this.clientId,
            ChallengeName: 'SOFTWARE_TOKEN_MFA',
            Session: out.Session,
            ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
          }),
        );
        const token = answered.AuthenticationResult?.IdToken;
        return token ? { token } : { secondFactor: 'wrong' };
      } catch (err) {
        // a wrong or reused code, or the challenge's session gone stale
        if (isNamed(err, 'CodeMismatchException', 'ExpiredCodeException', 'NotAuthorizedException', 'EnableSoftwareTokenMFAException'))
          return { secondFactor: 'wrong' };
        throw err;
      }
    }
    // another challenge (a user made in the console, with a temporary password) is no sign-in:
    // this API has no step to answer it
    const token = out.AuthenticationResult?.IdToken;
    return token ? { token } : null;
  }

  /**
   * Cognito has no recovery codes: the API checked one, so the pool's MFA is set aside for this one
   * sign-in — off, the password, on again — and the authenticator stays enrolled. (For the
   * instant between, the password alone would sign in anywhere; the API's own check of the code
   * came first.)
   */
  async signInWithRecovery(email: string, password: string): Promise<{ token: string } | null> {
    await this.setSoftwareTokenMfa(email, false);
    try {
      const out = await this.passwordAuth(email, password);
      const token = out?.AuthenticationResult?.IdToken;
      return token ? { token } : null;
    } finally {
      await this.setSoftwareTokenMfa(email, true);
    }
  }

  /**
   * Enrolling is the ledger function's, which serves /api/me/mfa/* (CognitoEnrolmentDirectory in
   * cognito-enrolment.ts): kept out of this class so the api function's bundle stays small.
   */
  async startTotp(_email: string, _password: string): Promise<{ secret: string; pending: string } | null> {
    throw new Error('two-step enrolment is served by the ledger function');
  }

  async confirmTotp(_email: string, _pending: string, _code: string): Promise<{ totpSecret?: string; totpLastStep?: number } | null> {
    throw new Error('two-step enrolment is served by the ledger function');
  }

  protected async setSoftwareTokenMfa(email: string, enabled: boolean): Promise<void> {
    const { sdk: s, client } = await this.cognito();
    await client.send(
      new s.AdminSetUserMFAPreferenceCommand({
        UserPoolId: this.userPoolId,
        Username: email,
        SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
      }),
    );
  }

  async setPassword(email: string, password: string): Promise<{ passwordHash?: string }> {
    const { sdk: s, client } = await this.cognito();
    try {
      await client.send(new s.AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: email, Password: password, Permanent: true }));
    } catch (err) {
      if (isNamed(err, 'InvalidPasswordException', 'InvalidParameterException')) throw AppError.field('password', '密码不符合要求');
      throw err;
    }
    return {};
  }

  async setEnabled(email: string, enabled: boolean): Promise<void> {
    const { sdk: s, client } = await this.cognito();
    if (enabled) {
      await client.send(new s.AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: email }));
      return;
    }
    await client.send(new s.AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    // its refresh tokens die too; an ID token already out lives until it expires, which is why the
    // API also refuses a disabled user's every request (functions/http/auth.ts)
    await client.send(new s.AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: email }));
  }
}
