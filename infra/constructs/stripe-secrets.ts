import { SecretValue } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The JSON fields of the Stripe secret in Secrets Manager. */
export const STRIPE_SECRET_FIELDS = { secretKey: 'STRIPE_SECRET_KEY', webhookSecret: 'STRIPE_WEBHOOK_SECRET' } as const;

/**
 * The Stripe keys, kept in Secrets Manager as one JSON secret (`{"secretKey": "sk_…",
 * "webhookSecret": "whsec_…"}`, created once per account before the first deploy — see README).
 * The functions get them as dynamic references that CloudFormation resolves at deploy time: the
 * values are never in the repository, the template or the CDK output, and no function needs a
 * Secrets Manager permission at run time.
 */
export class StripeSecrets extends Construct {
  readonly environment: Record<'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET', string> & { STRIPE_SECRET_REVISION?: string };

  /**
   * `revision` (context `stripeSecretRevision`): CloudFormation resolves a dynamic reference only
   * when the resource that holds it changes, so after changing the secret's value, deploy with a new
   * revision (any new string) to have the functions updated with it.
   */
  constructor(scope: Construct, id: string, props: { secretName: string; revision?: string }) {
    super(scope, id);
    const field = (jsonField: string) => SecretValue.secretsManager(props.secretName, { jsonField }).unsafeUnwrap();
    this.environment = {
      STRIPE_SECRET_KEY: field('secretKey'),
      STRIPE_WEBHOOK_SECRET: field('webhookSecret'),
      ...(props.revision ? { STRIPE_SECRET_REVISION: props.revision } : {}),
    };
  }
}
