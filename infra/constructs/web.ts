import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Duration } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicyHeader } from '../../functions/http/security-headers.js';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/origin-secret.js';

/** vite's content-hashed files (web/dist/assets): a year, never revalidated */
export const WEB_ASSETS_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: always revalidated (S3 answers 304 by ETag) */
export const WEB_PAGES_CACHE_CONTROL = 'no-cache';

/** CloudFront's viewer TLS policy with a custom domain: TLS 1.2 at least, modern ciphers. */
export const VIEWER_TLS_POLICY = SecurityPolicyProtocol.TLS_V1_2_2021;

/**
 * Client-side routes (paths without a file extension) get the single-page app's index.html.
 * Done per request on the web behaviour, not with distribution-wide error responses: those would
 * also turn the API's own 403 and 404 answers into index.html.
 */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) request.uri = '/index.html';
  return request;
}`;

/**
 * The pages whose index.html carries share metadata (title, description, Open Graph: WeChat reads
 * og:*): a listing, a village, a story, a campaign, the transparency page. CloudFront sends them to the ledger function
 * (functions/http/share-meta.ts shareRoutes), which writes the tags into the web bucket's index.html.
 * The shop's home is not among them: its only pattern, /shop/*, would send the cart, the donate
 * page and every other shop page to the function too.
 */
export const SHARE_PATH_PATTERNS = ['/shop/*/produce/*', '/shop/*/villages/*', '/shop/*/stories/*', '/shop/*/campaigns/*', '/shop/*/transparency'] as const;

export type WebProps = {
  /** the HTTP API's host name: /api/* goes there */
  apiDomainName: string;
  /** web/dist, when it was built before synth; absent, the bucket starts empty */
  webDist?: string;
  /** the WAF web ACL (CLOUDFRONT scope, us-east-1) in front of everything */
  webAclArn?: string;
  /** where CloudFront's standard logs go (prefix cloudfront/) */
  logBucket?: IBucket;
  /** where the web bucket's S3 server access logs go (prefix s3/web/) */
  accessLogsBucket?: IBucket;
  /**
   * the value CloudFront sends the HTTP API in ORIGIN_SECRET_HEADER (a Secrets Manager dynamic
   * reference, never a literal): the functions refuse requests without it
   */
  originSecret?: string;
  /** the web app's own host name and its ACM certificate in us-east-1 (context domainName, certificateArn) */
  domain?: { name: string; certificateArn: string };
};

/**
 * The browser's one origin: CloudFront serving web/dist from a private bucket (Origin Access
 * Control) and passing /api/* to the HTTP API uncached, so the web app calls its API same-origin.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** the web app's own host name, when it has one */
  readonly domainName?: string;
  /** the HTTP API as CloudFront's origin (with the origin secret) */
  private readonly apiOrigin: HttpOrigin;
  /** the web app's CSP and security headers */
  private readonly webHeaders: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsBucket ? 's3/web/' : undefined,
    });
    this.domainName = props.domain?.name;

    const spaFallback = new EdgeFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(SPA_FALLBACK),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Bangfu: client-side routes get index.html',
    });

    // the web app's files carry the same security headers as the API's answers (one policy)
    const webHeaders = (this.webHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Bangfu: CSP without inline scripts, never framed, nosniff, referrer policy, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicyHeader(), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    }));

    // the functions answer 403 to a request without the origin header (functions/http/origin-secret.ts),
    // so nobody reaches them around this distribution and its WAF
    const apiOrigin = (this.apiOrigin = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: props.originSecret ? { [ORIGIN_SECRET_HEADER]: props.originSecret } : undefined,
    }));

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Bangfu web app and API',
      defaultRootObject: 'index.html',
      webAclId: props.webAclArn,
      enableLogging: props.logBucket !== undefined,
      logBucket: props.logBucket,
      logFilePrefix: props.logBucket ? 'cloudfront/' : undefined,
      // with a domain of its own, TLS 1.2 at least; the default *.cloudfront.net certificate's
      // policy is CloudFront's (TLSv1) and cannot be set (edge-config.ts)
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: VIEWER_TLS_POLICY,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: webHeaders,
        compress: true,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // API Gateway routes on its own Host header: forward everything else (Authorization,
          // Idempotency-Key, query strings, cookies)
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });

    if (props.webDist) {
      // browsers cache vite's content-hashed files a year and revalidate everything else (index.html
      // names the current hashes) on every visit; CloudFront itself follows the same Cache-Control
      // (CACHING_OPTIMIZED) and compresses br/gzip (compress: true) as local mode does
      // (functions/http/web-static.ts). The hashed files go first and are never pruned, so a page
      // loaded before a deploy still finds its chunks.
      const assetsDir = path.join(props.webDist, 'assets');
      const assets = existsSync(assetsDir)
        ? new BucketDeployment(this, 'DeployAssets', {
            sources: [Source.asset(assetsDir)],
            destinationBucket: this.bucket,
            destinationKeyPrefix: 'assets/',
            cacheControl: [CacheControl.fromString(WEB_ASSETS_CACHE_CONTROL)],
            prune: false,
            memoryLimit: 512,
          })
        : undefined;
      const deploy = new BucketDeployment(this, 'Deploy', {
        sources: [Source.asset(props.webDist, { exclude: ['assets'] })],
        destinationBucket: this.bucket,
        // neither uploaded nor pruned here: DeployAssets owns assets/
        exclude: ['assets/*'],
        cacheControl: [CacheControl.fromString(WEB_PAGES_CACHE_CONTROL)],
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      if (assets) deploy.node.addDependency(assets);
    }
  }

  /**
   * The share pages (SHARE_PATH_PATTERNS) from `fn` behind `httpApi` (the ledger function: the api
   * function's bundle has no room left): GET and HEAD /shop/{proxy+} on the HTTP API go to it, which
   * may read the bucket's index.html alone (WEB_BUCKET; kept a minute per container) to write a
   * page's tags in. CloudFront asks it on every view (the function answers `no-cache` with an ETag of
   * the page's bytes, so CloudFront keeps a copy and revalidates with If-None-Match: a 304 when
   * nothing changed); the cache key is the path alone (no query string, cookie or viewer header
   * reaches the function, which needs none), CloudFront compresses, and the web app's CSP applies.
   */
  serveSharePages(httpApi: HttpApi, fn: LambdaFunction): void {
    const policy = new CachePolicy(this, 'SharePages', {
      comment: 'Bangfu: share pages (index.html with a page’s Open Graph tags), revalidated every time',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(60),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
    });
    for (const pattern of SHARE_PATH_PATTERNS) {
      this.distribution.addBehavior(pattern, this.apiOrigin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: policy,
        responseHeadersPolicy: this.webHeaders,
        compress: true,
      });
    }
    httpApi.addRoutes({ path: '/shop/{proxy+}', methods: [HttpMethod.GET, HttpMethod.HEAD], integration: new HttpLambdaIntegration('SharePages', fn) });
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects('index.html')] }));
    fn.addEnvironment('WEB_BUCKET', this.bucket.bucketName);
  }

  /** the web app's address: its own domain when it has one, else the distribution's */
  get url(): string {
    return `https://${this.domainName ?? this.distribution.distributionDomainName}`;
  }
}
