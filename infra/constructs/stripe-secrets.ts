import { ArnFormat, AssetHashType, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  LayerVersion,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import path from 'node:path';
import { REPO_ROOT } from '../bundling.js';
import { bundleStripeLayer, stripeLayerVersion } from '../stripe-layer.js';

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
  /** The Stripe SDK, which no bundle carries (infra/stripe-layer.ts): every function with the keys gets it. */
  readonly sdkLayer: LayerVersion;

  constructor(scope: Construct, id: string, props: { secretName: string }) {
    super(scope, id);
    this.sdkLayer = new LayerVersion(this, 'Sdk', {
      description: `stripe ${stripeLayerVersion()} (CommonJS build), loaded on first use by functions/adapters/payments/stripe-sdk.ts`,
      compatibleArchitectures: [Architecture.ARM_64],
      compatibleRuntimes: [Runtime.NODEJS_22_X],
      code: Code.fromAsset(path.join(REPO_ROOT, 'infra'), {
        // the asset is what the copy writes (hashed as such); the source folder is not used
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // never used: the copy from node_modules always runs locally
          image: Runtime.NODEJS_22_X.bundlingImage,
          local: { tryBundle: (outDir) => (bundleStripeLayer(outDir), true) },
        },
      }),
    });
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
