/**
 * The CDK app: one stack per stage, `Bangfu-dev` or `Bangfu-prod` (infra/stage.ts), chosen by
 * `--context stage=dev|prod` (dev when none). Two ways to run it, neither needing AWS credentials
 * nor the network to synthesize:
 *   npm run synth [-- --context stage=prod]   runs this file directly (tsx): cdk.out/, no CDK CLI needed
 *   npx cdk synth|deploy --context stage=…      the CDK CLI runs it through cdk.json (deploy needs credentials)
 * Build the web app first (`npm run build:web`) to have web/dist uploaded; without it the stack
 * deploys everything else. No account id lives here: the CLI's credentials pick the account.
 */
import { App } from 'aws-cdk-lib';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundling.js';
import { edgeConfig } from './edge-config.js';
import { defineStageStacks } from './stacks.js';
import { contextFromArgv, parseStage } from './stage.js';

// the CDK CLI passes its context through the environment (App reads it); run directly, the argv
const app = new App({ outdir: process.env.CDK_OUTDIR ?? path.join(REPO_ROOT, 'cdk.out'), context: contextFromArgv(process.argv.slice(2)) });
const stage = parseStage(app.node.tryGetContext('stage'));
const webDist = path.join(REPO_ROOT, 'web/dist');
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;

// Bangfu-<stage>, and Bangfu-<stage>-edge in us-east-1 when the region is another (infra/stacks.ts)
defineStageStacks(app, {
  description: `Bangfu (帮扶通) ${stage}: web app, API, table and user pool`,
  account: account || undefined,
  region: region || undefined,
  stage,
  // WAF rate limit, stage throttling, reserved concurrency, custom domain (infra/edge-config.ts)
  edge: edgeConfig((key) => app.node.tryGetContext(key)),
  alarmEmail: alarmEmail || undefined,
  stripeSecretName: (app.node.tryGetContext('stripeSecretName') as string | undefined) || undefined,
  mailFrom: (app.node.tryGetContext('mailFrom') as string | undefined) || undefined,
  mailIdentity: (app.node.tryGetContext('mailIdentity') as string | undefined) || undefined,
  webDist: existsSync(path.join(webDist, 'index.html')) ? webDist : undefined,
  tags: { app: 'bangfu', stage },
});

app.synth();
