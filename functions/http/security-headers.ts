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
  connectSrc: ["'self'"],
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
