import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACCESS_LOG_DAYS } from '../edge-config.js';

/**
 * Access logs: CloudFront's standard logs (prefix `cloudfront/`) and the S3 server
 * access logs of the web and files buckets (`s3/web/`, `s3/files/`). Private (all public access
 * blocked), encrypted (SSE-S3: CloudFront's log delivery cannot write to a KMS-keyed bucket
 * without a key policy for it), TLS only, and every object expires after ACCESS_LOG_DAYS.
 * CloudFront's legacy log delivery writes with an ACL granting the bucket owner full control, so
 * ACLs stay enabled with the bucket owner preferred (the objects end up the owner's).
 * Kept when the stack goes: deleting a bucket full of logs would fail the deletion; the expiry
 * empties it on its own.
 */
export class LogBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        { id: 'expire-access-logs', enabled: true, expiration: Duration.days(ACCESS_LOG_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
