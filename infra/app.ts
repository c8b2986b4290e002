/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`): one stack, BangfuStack. Build the web app first
 * (`npm run build:web`) to have web/dist uploaded; without it the stack deploys everything else.
 */
import { App } from 'aws-cdk-lib';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundling.js';
import { BangfuStack } from './stack.js';

// the CDK CLI names the output directory; run directly (`npx tsx infra/app.ts`), it is cdk.out
const app = new App({ outdir: process.env.CDK_OUTDIR ?? path.join(REPO_ROOT, 'cdk.out') });
const webDist = path.join(REPO_ROOT, 'web/dist');
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new BangfuStack(app, 'BangfuStack', {
  description: 'Bangfu (帮扶通): web app, API, table and user pool',
  env: account || region ? { account, region } : undefined,
  webDist: existsSync(path.join(webDist, 'index.html')) ? webDist : undefined,
});

app.synth();
