import { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Where photos live in the bucket: <tenantId>/photos/<photoId> (functions/modules/produce/photos.ts). */
export const PHOTO_KEYS = '*/photos/*';
/**
 * The API's files: photos, donation vouchers and expenditure evidence (functions/modules/donations/files.ts:
 * <tenantId>/vouchers/<id>, <tenantId>/evidence/<id>).
 */
export const API_FILE_KEYS = [PHOTO_KEYS, '*/vouchers/*', '*/evidence/*'];
/** The ledger function's: payout evidence, <tenantId>/payouts/<id> (functions/modules/settlements/payouts.ts). */
export const PAYOUT_FILE_KEYS = ['*/payouts/*'];
/** Applications' registration documents: the ledger function's, never public. */
export const APPLICATION_FILE_KEYS = ['*/applications/*'];
/** What the API does with a photo: store it, serve it, remove it when its upload is undone. */
export const PHOTO_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];

/**
 * Uploaded files (listing photos): a private bucket — no public access of any kind, TLS only —
 * whose objects the API reads and writes and serves itself (GET /api/public/:slug/photos/:id).
 * Kept with the table when the stack goes: it holds every tenant's photos.
 */
export class PhotoFiles extends Construct {
  readonly bucket: Bucket;

  /** `accessLogs`: the bucket its S3 server access logs go to (prefix s3/files/) */
  constructor(scope: Construct, id: string, props: { accessLogs?: IBucket } = {}) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.accessLogs ? 's3/files/' : undefined,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * The browser's presigned POST of a photo: CORS lets the web app's origin alone POST,
   * nothing else (no GET, no PUT: the bucket stays private; photos are served through the API).
   * What may be posted is the presigned policy's: one key, one image type, at most 5 MB, 5 minutes
   * (functions/adapters/files-s3.ts postConditions), signed by the API's role, which may write only
   * its file keys. The web's CSP lets it connect to `uploadOrigin` (infra/constructs/web.ts).
   */
  allowUploadsFrom(webOrigin: string): void {
    this.bucket.addCorsRule({ allowedMethods: [HttpMethods.POST], allowedOrigins: [webOrigin], allowedHeaders: [], maxAge: 3000 });
  }

  /** The origin a browser posts uploads to: the bucket's regional virtual-hosted address (createPresignedPost's url). */
  get uploadOrigin(): string {
    return `https://${this.bucket.bucketRegionalDomainName}`;
  }

  /** Read, write and delete the objects under `keys`: nothing else in the bucket, nothing on the bucket itself. */
  grantFiles(grantee: IGrantable, keys: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: PHOTO_ACTIONS, resources: keys.map((k) => this.bucket.arnForObjects(k)) }));
  }
}
