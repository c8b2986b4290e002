import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { Identity, USER_ADMIN_ACTIONS } from '../../infra/constructs/identity.js';

// Issue 15: the user pool offers software-token (TOTP) MFA to whoever enrols — optional at the pool,
// required by the API for platform admins and, per tenant, bureau admins — and never SMS.

describe('the user pool’s MFA', () => {
  const stack = new Stack(new App(), 'IdentityMfa');
  new Identity(stack, 'Identity', { keep: false });
  const template = Template.fromStack(stack);

  it('is optional, with authenticator apps (software token) and without SMS', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });

  it('lets the functions turn a user’s software-token MFA on (the ledger, at enrolment) and aside (the api, for a recovery code)', () => {
    expect(USER_ADMIN_ACTIONS).toContain('cognito-idp:AdminSetUserMFAPreference');
  });
});
