/**
 * The stacks of one stage, as infra/app.ts deploys them (and the infra tests synthesize them):
 *
 *   - Bangfu-<stage>: everything (infra/stack.ts).
 *   - Bangfu-<stage>-edge, in us-east-1, only when Bangfu-<stage> is in another region: the WAF
 *     web ACL (CloudFront's web ACLs exist only in us-east-1) and CloudFront's log bucket
 *     (CloudFront delivers no logs to buckets in the opt-in regions, e.g. ap-east-1). The main stack
 *     reads the two through CDK's cross-region references (`crossRegionReferences`: the edge stack
 *     writes them to SSM parameters in the main stack's region, which reads them at deploy; CDK adds
 *     a small custom resource to each stack for it). The CDK CLI deploys the edge stack first;
 *     bootstrap us-east-1 too (`npx cdk bootstrap aws://<account>/us-east-1`).
 *
 * In us-east-1, and in an environment-agnostic synth (no region known: `npm run synth` without
 * credentials), the main stack holds the web ACL and CloudFront's logs itself: one stack.
 * Either way the cdk-nag acknowledgements (infra/nag-suppressions.ts) are recorded on the stacks.
 */
import type { App } from 'aws-cdk-lib';
import { EDGE_REGION, BangfuEdgeStack } from './edge-stack.js';
import type { EdgeConfig } from './edge-config.js';
import { acknowledgeNagFindings } from './nag-suppressions.js';
import { BangfuStack, type BangfuStackProps } from './stack.js';
import { stackName, type Stage } from './stage.js';

export type StageStacksOptions = Omit<BangfuStackProps, 'env' | 'cloudFront' | 'edge' | 'stage' | 'crossRegionReferences'> & {
  stage: Stage;
  account?: string;
  region?: string;
  edge: EdgeConfig;
};

export function defineStageStacks(app: App, o: StageStacksOptions): { main: BangfuStack; edge?: BangfuEdgeStack } {
  const { stage, account, region, edge: config, ...rest } = o;
  const elsewhere = region !== undefined && region !== EDGE_REGION;
  const edge = elsewhere
    ? new BangfuEdgeStack(app, `${stackName(stage)}-edge`, {
        description: `Bangfu (帮扶通) ${stage}: CloudFront's WAF web ACL and log bucket (us-east-1)`,
        env: { account, region: EDGE_REGION },
        wafRateLimit: config.wafRateLimit,
        tags: rest.tags,
      })
    : undefined;
  const main = new BangfuStack(app, stackName(stage), {
    ...rest,
    env: account || region ? { account, region } : undefined,
    stage,
    edge: config,
    crossRegionReferences: elsewhere,
    cloudFront: edge ? { webAclArn: edge.acl.arn, logBucket: edge.logs.bucket } : undefined,
  });
  acknowledgeNagFindings(main, edge);
  return { main, edge };
}
