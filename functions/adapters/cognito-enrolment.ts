import { AppError } from '../errors.js';
import { CognitoDirectory } from './cognito-directory.js';

/** SDK errors are told apart by `name` (the service's exception type). */
const isNamed = (err: unknown, ...names: string[]) => err instanceof Error && names.includes(err.name);

/**
 * The Cognito directory with enrolment in software-token MFA: the ledger function's,
 * which serves /api/me/mfa/*; the api function's CognitoDirectory signs in with the code (and
 * answers the SOFTWARE_TOKEN_MFA challenge) but does not carry this.
 */
export class CognitoEnrolmentDirectory extends CognitoDirectory {
  /**
   * AssociateSoftwareToken needs the user's own access token: signing in with the password (asked
   * again) gives one, which is also what VerifySoftwareToken needs later — the pending handle.
   */
  override async startTotp(email: string, password: string): Promise<{ secret: string; pending: string } | null> {
    const out = await this.passwordAuth(email, password);
    const accessToken = out?.AuthenticationResult?.AccessToken;
    if (!accessToken) return null;
    const { sdk: s, client } = await this.cognito();
    const associated = await client.send(new s.AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    if (!associated.SecretCode) throw new Error('AssociateSoftwareToken answered without a secret');
    return { secret: associated.SecretCode, pending: accessToken };
  }

  override async confirmTotp(email: string, pending: string, code: string): Promise<{ totpSecret?: string; totpLastStep?: number } | null> {
    const { sdk: s, client } = await this.cognito();
    try {
      const verified = await client.send(new s.VerifySoftwareTokenCommand({ AccessToken: pending, UserCode: code, FriendlyDeviceName: 'Bangfu' }));
      if (verified.Status !== 'SUCCESS') return null;
    } catch (err) {
      if (isNamed(err, 'CodeMismatchException', 'EnableSoftwareTokenMFAException')) return null;
      // the access token of the start has expired: start again
      if (isNamed(err, 'NotAuthorizedException')) throw AppError.conflict('两步验证的设置已过期，请重新开始');
      throw err;
    }
    await this.setSoftwareTokenMfa(email, true);
    return {};
  }
}
