import {
  AllowedMethods,
  CachePolicy,
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
    const webHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Bangfu: CSP without inline scripts, never framed, nosniff, referrer policy, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicyHeader(), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

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
          // the functions answer 403 to a request without the origin header (functions/http/origin-secret.ts),
          // so nobody reaches them around this distribution and its WAF
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            customHeaders: props.originSecret ? { [ORIGIN_SECRET_HEADER]: props.originSecret } : undefined,
          }),
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

  /** the web app's address: its own domain when it has one, else the distribution's */
  get url(): string {
    return `https://${this.domainName ?? this.distribution.distributionDomainName}`;
  }
}
