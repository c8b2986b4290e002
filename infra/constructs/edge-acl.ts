import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** The AWS managed rule groups, in order: OWASP-style common attacks, then known bad inputs (Log4Shell, …). */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

/**
 * Rules of the common set only counted, never blocking: SizeRestrictions_BODY blocks any body over
 * 8 KB, and photos (5 MB), vouchers, evidence, applications' documents and imports are larger; the
 * app limits each body itself (functions/app.ts body limits, 413).
 */
export const COMMON_RULES_COUNTED = ['SizeRestrictions_BODY'] as const;

/**
 * The paths of the rate-based rule: signing in and everything else under /api/auth/ (password
 * resets, invitations accepted, the MFA step), and the public write routes of a tenant's pages —
 * checkout, donate, applications to join, concerns (functions/app.ts, the public routes).
 * Matched against the URL path after URL-decoding and path normalization.
 */
export const RATE_LIMITED_PATHS = '^/api/(auth/|public/[^/]+/(checkout|donate|applications|concerns)(/|$))';

/** How long the WAF tells a blocked client to wait, in seconds (Retry-After). */
export const RATE_LIMIT_RETRY_AFTER = 60;

/** The rate rule's 5-minute window, in seconds. */
export const RATE_WINDOW_SECONDS = 300;

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * The WAF web ACL in front of CloudFront (scope CLOUDFRONT: it must be created in us-east-1, see
 * infra/stacks.ts). Allows by default; first a rate-based rule — one IP over `rateLimit` requests in
 * 5 minutes to RATE_LIMITED_PATHS gets 429 with the app's error body until its rate falls — then
 * the two AWS managed rule groups. The app keeps its own finer limits (per email and client,
 * functions/modules/identity/login-throttle.ts, rate-limit.ts): this rule is the coarse one in front of them,
 * which a flood from one address never gets past to the functions.
 */
export class EdgeAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { rateLimit: number }) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Bangfu: managed common and known-bad-input rules, a rate limit on sign-in and public writes',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('bangfu-edge'),
      customResponseBodies: {
        rateLimited: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ error: { code: 'rate_limited', message: '请求过于频繁，请稍后再试' } }),
        },
      },
      rules: [
        {
          name: 'RateLimitSignInAndPublicWrites',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rateLimited',
                responseHeaders: [{ name: 'retry-after', value: String(RATE_LIMIT_RETRY_AFTER) }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: props.rateLimit,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                regexMatchStatement: {
                  regexString: RATE_LIMITED_PATHS,
                  fieldToMatch: { uriPath: {} },
                  textTransformations: [
                    { priority: 0, type: 'URL_DECODE' },
                    { priority: 1, type: 'NORMALIZE_PATH' },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('bangfu-rate-limit'),
        },
        ...MANAGED_RULE_GROUPS.map((name, i) => ({
          name: `AWS-${name}`,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name,
              ruleActionOverrides:
                name === 'AWSManagedRulesCommonRuleSet' ? COMMON_RULES_COUNTED.map((rule) => ({ name: rule, actionToUse: { count: {} } })) : undefined,
            },
          },
          visibilityConfig: visibility(`bangfu-${name}`),
        })),
      ],
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}
