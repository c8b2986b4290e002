import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { edgeConfig } from '../../infra/edge-config.js';
import { BangfuStack } from '../../infra/stack.js';
import { defineStageStacks } from '../../infra/stacks.js';

// Issue 15: cdk-nag's AwsSolutions checks on the stacks as infra/app.ts makes them. cdk-nag 3 is a
// CDK policy-validation plugin: it runs when the app synthesizes, and synthesis fails on any error
// not acknowledged; every finding (error or warning) is in the cloud assembly's validation report,
// the acknowledged ones with their reason. Acknowledgements live in infra/nag-suppressions.ts only.

type Violation = { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] };
type Suppressed = Violation & { reason: string; acknowledgedAt: string; acknowledgedStackTrace: string };
type Report = { pluginReports: { pluginName: string; conclusion: string; violations: Violation[]; suppressedViolations?: Suppressed[] }[] };

const DOMAIN = { domainName: 'bangfu.example.org', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789' };

function nag(region: string | undefined, context: Record<string, string> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bangfu-nag-'));
  try {
    // no bundling: the checks read the template, not the functions' code
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const stacks = defineStageStacks(app, { stage: 'prod', account: region ? '111111111111' : undefined, region, edge: edgeConfig((k) => context[k]) });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
    // and nothing of AwsSolutions among the CDK annotations (cdk-nag 2 reported there; 3 reports in the validation report)
    const annotationErrors = error
      ? []
      : [stacks.main, ...(stacks.edge ? [stacks.edge] : [])].flatMap((stack) =>
          Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
        );
    return { stacks, error, annotationErrors, report: report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')! };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const describeFinding = (v: Violation) => `${v.severity} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`;

describe.each([
  ['in ap-east-1: the main stack and the us-east-1 edge stack, no custom domain', 'ap-east-1', {}],
  ['in us-east-1 with a custom domain: one stack', 'us-east-1', DOMAIN],
])('AwsSolutions checks %s', (_name, region, context) => {
  let result: ReturnType<typeof nag>;
  beforeAll(() => {
    result = nag(region, context);
  }, 240_000);

  it('leave no finding unacknowledged, error or warning, and synthesis succeeds', () => {
    const { error, report, annotationErrors } = result;
    expect(report.violations.map(describeFinding)).toEqual([]);
    expect(report.conclusion).toBe('success');
    expect(error).toBeUndefined();
    expect(annotationErrors).toEqual([]);
    expect(report.suppressedViolations?.length).toBeGreaterThan(0);
  });

  it('acknowledge each finding in infra/nag-suppressions.ts, with a written reason', () => {
    const { report } = result;
    for (const s of report.suppressedViolations ?? []) {
      expect(s.reason.length, s.ruleName).toBeGreaterThan(60);
      expect(s.acknowledgedStackTrace, s.ruleName).toContain('infra/nag-suppressions.ts');
    }
  });
});

describe('what the checks would find without the acknowledgements', () => {
  it('is real: the same app with none fails to synthesize', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'bangfu-nag-'));
    try {
      const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
      // the main stack alone, as BangfuStack makes it, without infra/stacks.ts's acknowledgements
      new BangfuStack(app, 'Bare', { env: { account: '111111111111', region: 'us-east-1' } });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      expect(() => app.synth()).toThrow(/AwsSolutions-/);
      const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
      const rules = new Set(report.pluginReports[0].violations.map((v) => v.ruleName));
      for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-SMG4', 'AwsSolutions-L1', 'AwsSolutions-CFR4']) expect(rules).toContain(rule);
      // and what the stack fixes is not among them: access logs, WAF, TLS-only topic
      for (const rule of ['AwsSolutions-APIG1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR3', 'AwsSolutions-SNS3']) expect(rules).not.toContain(rule);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 240_000);
});
