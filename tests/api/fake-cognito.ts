import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { CognitoClient } from '../../functions/adapters/cognito-directory.js';
import { CUSTOM_ATTRIBUTES, PASSWORD_MIN_LENGTH } from '../../infra/constructs/identity.js';

type PoolUser = {
  sub: string;
  attributes: Record<string, string>;
  password?: string;
  status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';
  disabled?: boolean;
  signedOutAt?: number;
  /** software-token MFA (issue 15): the associated secret, verified, preferred; the last step used */
  totp?: { secret: string; verified: boolean; lastStep: number };
  mfaEnabled?: boolean;
};

/** A TOTP code's step within ±1 of now, or null; as Cognito, a step is accepted once. */
function totpStep(secret: string, code: string, lastStep: number): number | null {
  const t = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  const delta = t.validate({ token: code, window: 1 });
  if (delta === null) return null;
  const step = t.counter() + delta;
  return step > lastStep ? step : null;
}
export type SentCommand = { command: string; input: Record<string, any> };

/** An SDK service error as the client throws it: told apart by `name`. */
const cognitoError = (name: string, message: string) => Object.assign(new Error(message), { name });

const DECLARED = new Set(['email', 'email_verified', ...Object.keys(CUSTOM_ATTRIBUTES).map((a) => `custom:${a}`)]);

/**
 * A stand-in for the Cognito SDK client's `send` (AWS cannot run here): one user pool in memory,
 * shaped like the stack's (email as the user name, case-insensitive; the custom attributes of
 * infra/constructs/identity.ts; its password policy), answering the commands the directory
 * sends as Cognito does, and recording every command. Its ID tokens are RS256 JWTs with the pool's
 * issuer and the client as audience, so the real CognitoVerifier checks them against `jwks()`.
 */
export class FakeCognito {
  readonly sent: SentCommand[] = [];
  private readonly users = new Map<string, PoolUser>();
  /** access tokens and MFA challenge sessions handed out, by value: whose they are */
  private readonly accessTokens = new Map<string, string>();
  private readonly sessions = new Map<string, string>();

  private constructor(
    readonly userPoolId: string,
    readonly clientId: string,
    private readonly key: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(userPoolId: string, clientId: string): Promise<FakeCognito> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'pool-key-1', alg: 'RS256', use: 'sig' };
    return new FakeCognito(userPoolId, clientId, pair.privateKey, publicJwk);
  }

  jwks() {
    return { keys: [this.publicJwk as never] };
  }

  client(): CognitoClient {
    return { send: (command: unknown) => this.send(command) } as unknown as CognitoClient;
  }

  user(email: string): PoolUser | undefined {
    return this.users.get(email.toLowerCase());
  }

  /** What an administrator does in the console: a user outside the API, with a temporary password. */
  addUserInConsole(email: string, attributes: Record<string, string>): void {
    this.users.set(email.toLowerCase(), { sub: randomUUID(), attributes: { email, ...attributes }, password: 'Temp-pass-1', status: 'FORCE_CHANGE_PASSWORD' });
  }

  /** What an administrator does in the console: the user is gone from the pool (not from the table). */
  deleteUserInConsole(email: string): void {
    this.users.delete(email.toLowerCase());
  }

  /** The commands sent about one email, by command name. */
  sentFor(email: string): string[] {
    return this.sent.filter((c) => (c.input.Username ?? c.input.AuthParameters?.USERNAME) === email).map((c) => c.command);
  }

  private async send(command: unknown): Promise<unknown> {
    const input = (command as { input: Record<string, any> }).input;
    this.sent.push({ command: (command as object).constructor.name.replace(/Command$/, ''), input });
    if (command instanceof InitiateAuthCommand) return this.initiateAuth(input);
    if (command instanceof RespondToAuthChallengeCommand) return this.respondToAuthChallenge(input);
    if (command instanceof AssociateSoftwareTokenCommand) return this.associateSoftwareToken(input);
    if (command instanceof VerifySoftwareTokenCommand) return this.verifySoftwareToken(input);
    if (input.UserPoolId !== this.userPoolId) throw cognitoError('ResourceNotFoundException', 'User pool does not exist.');
    if (command instanceof AdminCreateUserCommand) return this.adminCreateUser(input);
    if (command instanceof AdminSetUserPasswordCommand) return this.adminSetUserPassword(input);
    if (command instanceof AdminDeleteUserCommand) return this.adminDeleteUser(input);
    if (command instanceof AdminDisableUserCommand) return this.existing(input, (u) => (u.disabled = true));
    if (command instanceof AdminEnableUserCommand) return this.existing(input, (u) => (u.disabled = false));
    if (command instanceof AdminUserGlobalSignOutCommand) return this.existing(input, (u) => (u.signedOutAt = Date.now()));
    if (command instanceof AdminSetUserMFAPreferenceCommand) return this.adminSetUserMfaPreference(input);
    throw new Error(`the fake does not know ${(command as object).constructor.name}`);
  }

  private adminCreateUser(input: Record<string, any>) {
    const attrs = input.UserAttributes as AttributeType[];
    for (const a of attrs) {
      if (!DECLARED.has(a.Name!)) throw cognitoError('InvalidParameterException', `Attribute does not exist in the schema: ${a.Name}`);
      if (a.Name!.startsWith('custom:') && !a.Value) throw cognitoError('InvalidParameterException', `${a.Name} must have at least 1 character`);
    }
    if (this.user(input.Username)) throw cognitoError('UsernameExistsException', 'An account with the given email already exists.');
    const sub = randomUUID();
    const attributes = Object.fromEntries(attrs.map((a) => [a.Name!, a.Value!]));
    this.users.set(String(input.Username).toLowerCase(), { sub, attributes, status: 'FORCE_CHANGE_PASSWORD' });
    return { User: { Username: sub, Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD', Attributes: [{ Name: 'sub', Value: sub }, ...attrs] } };
  }

  private adminSetUserPassword(input: Record<string, any>) {
    const user = this.user(input.Username);
    if (!user) throw cognitoError('UserNotFoundException', 'User does not exist.');
    const password = String(input.Password);
    if (!/^\S+.*\S+$/.test(password))
      throw cognitoError('InvalidParameterException', "1 validation error detected: Value at 'password' failed to satisfy constraint");
    if (password.length < PASSWORD_MIN_LENGTH) throw cognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
    user.password = password;
    user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    return {};
  }

  private existing(input: Record<string, any>, change: (u: PoolUser) => void) {
    const user = this.user(input.Username);
    if (!user) throw cognitoError('UserNotFoundException', 'User does not exist.');
    change(user);
    return {};
  }

  private adminDeleteUser(input: Record<string, any>) {
    if (!this.user(input.Username)) throw cognitoError('UserNotFoundException', 'User does not exist.');
    this.users.delete(String(input.Username).toLowerCase());
    return {};
  }

  private async initiateAuth(input: Record<string, any>) {
    if (input.ClientId !== this.clientId) throw cognitoError('ResourceNotFoundException', 'User pool client does not exist.');
    if (input.AuthFlow !== 'USER_PASSWORD_AUTH') throw cognitoError('InvalidParameterException', `${input.AuthFlow} flow not enabled for this client`);
    const user = this.user(input.AuthParameters.USERNAME);
    // the pool prevents user-existence errors: an unknown user looks like a wrong password
    if (!user || user.password !== input.AuthParameters.PASSWORD) throw cognitoError('NotAuthorizedException', 'Incorrect username or password.');
    if (user.disabled) throw cognitoError('NotAuthorizedException', 'User is disabled.');
    if (user.status === 'FORCE_CHANGE_PASSWORD') return { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: randomUUID(), ChallengeParameters: {} };
    if (user.mfaEnabled) {
      const session = `session.${randomUUID()}`;
      this.sessions.set(session, input.AuthParameters.USERNAME.toLowerCase());
      return { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeParameters: {} };
    }
    return this.tokensFor(user);
  }

  private respondToAuthChallenge(input: Record<string, any>) {
    if (input.ClientId !== this.clientId) throw cognitoError('ResourceNotFoundException', 'User pool client does not exist.');
    const email = this.sessions.get(input.Session);
    if (input.ChallengeName !== 'SOFTWARE_TOKEN_MFA' || !email) throw cognitoError('NotAuthorizedException', 'Invalid session for the user.');
    const user = this.user(email)!;
    if (input.ChallengeResponses?.USERNAME?.toLowerCase() !== email) throw cognitoError('NotAuthorizedException', 'Invalid session for the user.');
    const step = totpStep(user.totp!.secret, String(input.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE), user.totp!.lastStep);
    if (step === null) throw cognitoError('CodeMismatchException', 'Invalid code received for user');
    user.totp!.lastStep = step;
    this.sessions.delete(input.Session);
    return this.tokensFor(user);
  }

  private associateSoftwareToken(input: Record<string, any>) {
    const user = this.byAccessToken(input.AccessToken);
    const secret = new Secret({ size: 20 }).base32;
    // a new association replaces an unverified one; MFA stays as it was until verified
    user.totp = { secret, verified: false, lastStep: user.totp?.lastStep ?? -1 };
    return { SecretCode: secret };
  }

  private verifySoftwareToken(input: Record<string, any>) {
    const user = this.byAccessToken(input.AccessToken);
    if (!user.totp) throw cognitoError('InvalidParameterException', 'User has not associated a software token.');
    const step = totpStep(user.totp.secret, String(input.UserCode), user.totp.lastStep);
    if (step === null) throw cognitoError('EnableSoftwareTokenMFAException', 'Code mismatch');
    user.totp = { ...user.totp, verified: true, lastStep: step };
    return { Status: 'SUCCESS' };
  }

  private adminSetUserMfaPreference(input: Record<string, any>) {
    const user = this.user(input.Username);
    if (!user) throw cognitoError('UserNotFoundException', 'User does not exist.');
    const enabled = !!input.SoftwareTokenMfaSettings?.Enabled;
    if (enabled && !user.totp?.verified) throw cognitoError('InvalidParameterException', 'User has not verified software token mfa');
    user.mfaEnabled = enabled;
    return {};
  }

  private byAccessToken(token: string): PoolUser {
    const email = this.accessTokens.get(token);
    const user = email ? this.user(email) : undefined;
    if (!user) throw cognitoError('NotAuthorizedException', 'Invalid Access Token');
    return user;
  }

  private async tokensFor(user: PoolUser) {
    const now = Math.floor(Date.now() / 1000);
    const { email_verified, ...claims } = user.attributes;
    const idToken = await new SignJWT({ ...claims, email_verified: email_verified === 'true', token_use: 'id', auth_time: now, 'cognito:username': user.sub })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid })
      .setSubject(user.sub)
      .setIssuer(`https://cognito-idp.${this.userPoolId.split('_')[0]}.amazonaws.com/${this.userPoolId}`)
      .setAudience(this.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(this.key);
    const accessToken = `access.${randomUUID()}`;
    this.accessTokens.set(accessToken, user.attributes.email.toLowerCase());
    return {
      AuthenticationResult: { IdToken: idToken, AccessToken: accessToken, RefreshToken: `refresh.${randomUUID()}`, ExpiresIn: 3600, TokenType: 'Bearer' },
    };
  }
}
