import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EdgeAcl } from './constructs/edge-acl.js';
import { LogBucket } from './constructs/log-bucket.js';

/** CloudFront's own region: its WAF web ACLs live there, and its logs go to a bucket it can deliver to. */
export const EDGE_REGION = 'us-east-1';

/**
 * What CloudFront needs in us-east-1 when the main stack is in another region (infra/stacks.ts):
 * the WAF web ACL (a CLOUDFRONT-scoped ACL can only be created there) and the bucket of
 * CloudFront's standard logs (CloudFront does not deliver logs to buckets in the opt-in regions,
 * ap-east-1 among them; us-east-1 always works). The main stack reads both through CDK's
 * cross-region references (SSM parameters written by a custom resource of this stack).
 */
export class BangfuEdgeStack extends Stack {
  readonly acl: EdgeAcl;
  readonly logs: LogBucket;

  constructor(scope: Construct, id: string, props: StackProps & { wafRateLimit: number }) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.acl = new EdgeAcl(this, 'Waf', { rateLimit: props.wafRateLimit });
    this.logs = new LogBucket(this, 'CloudFrontLogs');
    new CfnOutput(this, 'WebAclArn', { value: this.acl.arn });
    new CfnOutput(this, 'CloudFrontLogBucket', { value: this.logs.bucket.bucketName });
  }
}
