import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

/** The JSON fields of the Stripe secret in Secrets Manager (functions/entries/stripe-secret.ts parses them). */
export const STRIPE_SECRET_FIELDS = ['secretKey', 'webhookSecret'] as const;

/** The AWS Parameters and Secrets Lambda Extension's layer version every Stripe function gets. */
export const PARAMS_AND_SECRETS_VERSION = ParamsAndSecretsVersions.V1_0_103;

/**
 * The Stripe keys, kept in Secrets Manager as one JSON secret (`{"secretKey": "sk_…",
 * "webhookSecret": "whsec_…"}`, created once per account before the first deploy — see README).
 * A function that uses them gets the secret's NAME (STRIPE_SECRET_ID), the AWS Parameters and
 * Secrets Lambda Extension as a layer, and secretsmanager:GetSecretValue on this secret alone; it
 * reads the keys at cold start from the extension on localhost (functions/entries/stripe-secret.ts).
 * The values are never in the repository, the template, the CDK output or the function's
 * configuration, and a changed secret reaches the functions at their next cold start, no deploy.
 */
export class StripeSecrets extends Construct {
  readonly secretName: string;
  /**
   * The secret's ARN for the grant: Secrets Manager appends `-` and six random characters to the
   * name, so `<name>-??????` matches this secret and no other (`<name>*` would also match
   * `<name>-other`).
   */
  readonly secretArn: string;
  readonly environment: { STRIPE_SECRET_ID: string };

  constructor(scope: Construct, id: string, props: { secretName: string }) {
    super(scope, id);
    this.secretName = props.secretName;
    this.secretArn = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${props.secretName}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.environment = { STRIPE_SECRET_ID: props.secretName };
  }

  /** secretsmanager:GetSecretValue on this secret, nothing else (not even DescribeSecret). */
  grantRead(fn: NodejsFunction): void {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.secretArn] }));
  }

  /** The extension's layer, for AppFunction's `paramsAndSecrets`. */
  static layer(): ParamsAndSecretsLayerVersion {
    return ParamsAndSecretsLayerVersion.fromVersion(PARAMS_AND_SECRETS_VERSION, { logLevel: ParamsAndSecretsLogLevel.WARN });
  }
}
