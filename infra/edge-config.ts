/**
 * The AWS edge's settings, from CDK context (`--context key=value`, or cdk.json's
 * "context"), each with a default. Plain data: no aws-cdk-lib import.
 *
 *   domainName, certificateArn   the web app's own address and its ACM certificate (us-east-1, as
 *                                CloudFront requires); both or neither. With them the distribution
 *                                serves that name with TLS 1.2 at least (TLSv1.2_2021). Without, it
 *                                answers on *.cloudfront.net with CloudFront's default certificate,
 *                                whose security policy CloudFront fixes at TLSv1 and nobody can raise.
 *   wafRateLimit                 requests one IP may make to sign-in and the public write routes in
 *                                5 minutes before the WAF blocks it (429) for a while (default 300)
 *   apiRateLimit, apiBurstLimit  the HTTP API stage's throttle: steady requests per second and burst
 *                                (defaults 200 and 400) for all callers together; above, API Gateway answers 429
 *   reservedConcurrency          per function: `api=100,ledger=20,webhooks=10,jobs=5` (the default;
 *                                any subset overrides those), or `none` to reserve nothing. Lambda keeps
 *                                100 of the account's concurrency unreserved, so the defaults (135)
 *                                need an account limit of at least 235: a new account's limit can be
 *                                as low as 10 — deploy it with `reservedConcurrency=none` until
 *                                Service Quotas has raised "Concurrent executions".
 */

export const FUNCTION_NAMES = ['api', 'webhooks', 'jobs', 'ledger'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type EdgeConfig = {
  domainName?: string;
  certificateArn?: string;
  wafRateLimit: number;
  apiRateLimit: number;
  apiBurstLimit: number;
  /** a function absent here has no reserved concurrency */
  reservedConcurrency: Partial<Record<FunctionName, number>>;
};

export const EDGE_DEFAULTS: EdgeConfig = {
  wafRateLimit: 300,
  apiRateLimit: 200,
  apiBurstLimit: 400,
  reservedConcurrency: { api: 100, ledger: 20, webhooks: 10, jobs: 5 },
};

/** How long access logs are kept: the CloudFront log bucket's expiry and the API access log group's retention. */
export const ACCESS_LOG_DAYS = 90;

const int = (key: string, value: unknown, min: number, max: number): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`context ${key}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
};

function reserved(value: unknown): EdgeConfig['reservedConcurrency'] {
  if (value === undefined || value === null || value === '') return { ...EDGE_DEFAULTS.reservedConcurrency };
  if (value === 'none' || value === false) return {};
  const pairs: [string, unknown][] =
    typeof value === 'string'
      ? value
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => [p.split('=')[0].trim(), p.split('=')[1]])
      : Object.entries(value as object);
  const out = { ...EDGE_DEFAULTS.reservedConcurrency };
  for (const [name, n] of pairs) {
    if (!(FUNCTION_NAMES as readonly string[]).includes(name))
      throw new Error(`context reservedConcurrency: unknown function ${JSON.stringify(name)} (${FUNCTION_NAMES.join(', ')})`);
    // 0 would stop the function altogether: `none` is the way to reserve nothing
    out[name as FunctionName] = int(`reservedConcurrency.${name}`, n, 1, 10_000);
  }
  return out;
}

/** The edge's settings from context values (`get` is `app.node.tryGetContext`). */
export function edgeConfig(get: (key: string) => unknown): EdgeConfig {
  const str = (key: string) => {
    const v = get(key);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const domainName = str('domainName');
  const certificateArn = str('certificateArn');
  if (!domainName !== !certificateArn)
    throw new Error('context domainName and certificateArn go together: give both (the certificate in us-east-1) or neither');
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(`context certificateArn: expected an ACM certificate in us-east-1 (CloudFront's region), got ${certificateArn}`);
  }
  if (domainName && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domainName))
    throw new Error(`context domainName: not a host name: ${domainName}`);
  const num = (key: string, d: number, min: number, max: number) => (get(key) === undefined || get(key) === '' ? d : int(key, get(key), min, max));
  const apiRateLimit = num('apiRateLimit', EDGE_DEFAULTS.apiRateLimit, 1, 10_000);
  return {
    domainName,
    certificateArn,
    // WAF's rate-based rules accept 10 to 2,000,000,000 requests per window
    wafRateLimit: num('wafRateLimit', EDGE_DEFAULTS.wafRateLimit, 10, 2_000_000_000),
    apiRateLimit,
    apiBurstLimit: num('apiBurstLimit', Math.max(EDGE_DEFAULTS.apiBurstLimit, apiRateLimit), 1, 5_000),
    reservedConcurrency: reserved(get('reservedConcurrency')),
  };
}
