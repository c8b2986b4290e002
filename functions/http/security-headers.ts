import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The Content-Security-Policy of every response (API JSON, errors, 404s, the receipt page, the web
 * app's index.html and static files): scripts only from this origin — no inline script, no eval;
 * styles may be inline because antd injects <style> tags at run time (and the receipt page and
 * index.html carry one <style> block); images from this origin plus data:/blob: (QR codes, previews);
 * never framed (frame-ancestors 'none', X-Frame-Options DENY).
 * Stripe Checkout is a top-level navigation (location.href), which CSP does not restrict.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // and the console's presigned POST of a photo straight to the files bucket on AWS (issue 16:
  // <bucket>.s3.<region>.amazonaws.com, whose name and region the static policy cannot know)
  connectSrc: ["'self'", 'https://*.amazonaws.com'],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The same policy as one header value (CloudFront's response headers policy for web/dist uses it). */
export function contentSecurityPolicyHeader(): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(' ')}`)
    .join('; ');
}

/** hono/secure-headers with Bangfu's policy; mounted first so errors and 404s carry it too. */
export const securityHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  xFrameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
  xContentTypeOptions: 'nosniff',
  crossOriginEmbedderPolicy: false,
});

/**
 * Headers that govern a document (what it may load, framing, the opener, referrers) and mean
 * nothing on a script, a stylesheet or an image. Hashed files under /assets/ drop them: about 1 KB
 * less per file, which on HTTP/1.1 (local mode, no header compression) was ~7 % of a phone's first
 * visit to the shop. `nosniff` and the resource policy stay: they do protect a script.
 */
const DOCUMENT_ONLY_HEADERS = [
  'content-security-policy',
  'x-frame-options',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-xss-protection',
  'x-download-options',
  'x-dns-prefetch-control',
  'x-permitted-cross-domain-policies',
  'strict-transport-security',
];

/** securityHeaders for everything, minus the document-only ones on /assets/* (the web app's hashed files). */
export const securityHeadersWithLeanAssets: MiddlewareHandler = async (c, next) => {
  await securityHeaders(c, next);
  if (c.req.path.startsWith('/assets/')) for (const h of DOCUMENT_ONLY_HEADERS) c.res.headers.delete(h);
};
