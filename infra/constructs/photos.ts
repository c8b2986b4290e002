import { AssetHashType, Duration } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import path from 'node:path';
import { PHOTOS_ENTRY, REPO_ROOT } from '../bundling.js';
import { bundleSharpLayer, sharpInstallArgs, sharpLayerPackages } from '../sharp-layer.js';
import { AppFunction } from './app-function.js';
import type { PhotoFiles } from './files.js';

/** What the bucket reports to the photos function: a new listing photo original. */
export const PHOTO_ORIGINAL_SUFFIX = '/original';
/** The originals it reads, the sizes it writes (functions/modules/photos/keys.ts). */
export const PHOTO_ORIGINAL_KEYS = '*/photos/*/original';
export const PHOTO_SIZE_KEYS = '*/photos/*/w*.webp';

/**
 * The photos function: the bucket's Object Created events for `…/original` keys (through EventBridge) invoke it
 * and it writes the photo's WebP sizes beside the original. Why an S3 event and not a call from the
 * API: the browser's presigned POST goes straight to the bucket, so the bucket is where an upload is
 * known to be complete; the api function needs no invoke permission, no Lambda SDK and no wait (its
 * answer does not depend on the resize: the public photo route serves the original until the
 * sizes exist, briefly cached); an upload through the API is handled by the same event.
 *
 * arm64, Node 22 like every function; sharp is external to its bundle and comes from a layer with
 * sharp's linux-arm64 binaries, installed by npm for that platform at bundling (infra/sharp-layer.ts).
 */
export class PhotoSizes extends Construct {
  readonly function: AppFunction;
  readonly layer: LayerVersion;
  /** EventBridge: the bucket's Object Created events of `…/original` keys → the function */
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: { files: PhotoFiles }) {
    super(scope, id);
    const packages = sharpLayerPackages();
    this.layer = new LayerVersion(this, 'Sharp', {
      description: `sharp ${packages[0].version} for linux-arm64: ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`,
      compatibleArchitectures: [Architecture.ARM_64],
      compatibleRuntimes: [Runtime.NODEJS_22_X],
      code: Code.fromAsset(path.join(REPO_ROOT, 'infra'), {
        // the asset is what the bundling writes (hashed as such); the source folder is not used
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          image: Runtime.NODEJS_22_X.bundlingImage,
          command: ['bash', '-c', `npm ${sharpInstallArgs('/asset-output').join(' ')}`],
          local: { tryBundle: (outDir) => (bundleSharpLayer(outDir), true) },
        },
      }),
    });
    this.function = new AppFunction(this, 'Handler', {
      entry: PHOTOS_ENTRY,
      description: 'Bangfu photos: WebP sizes of each new listing photo (sharp, arm64)',
      environment: { FILES_BUCKET: props.files.bucket.bucketName },
      externalModules: ['sharp'],
      memorySize: 1536,
      timeout: Duration.seconds(30),
    });
    this.function.fn.addLayers(this.layer);
    this.function.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.files.bucket.arnForObjects(PHOTO_ORIGINAL_KEYS)] }));
    this.function.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [props.files.bucket.arnForObjects(PHOTO_SIZE_KEYS)] }));
    // the bucket's events go to EventBridge (set on the bucket itself: no notifications custom
    // resource, no cycle through the function), and this rule picks the photo originals out
    const cfnBucket = props.files.bucket.node.defaultChild as CfnBucket;
    cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    this.rule = new Rule(this, 'Originals', {
      description: 'Bangfu: a listing photo original arrived in the files bucket',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.files.bucket.bucketName] }, object: { key: Match.suffix(PHOTO_ORIGINAL_SUFFIX) } },
      },
      targets: [new LambdaFunction(this.function.fn, { retryAttempts: 2 })],
    });
  }
}
