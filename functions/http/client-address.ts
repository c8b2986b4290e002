import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

type LambdaEnv = { requestContext?: { http?: { sourceIp?: string } } };

function forwardedHops(c: Context): string[] {
  return (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The caller's address for rate limits: what a trusted hop saw, never what the client wrote.
 * A client may put anything in X-Forwarded-For; each proxy appends the address it saw, so only the
 * last entry is trustworthy (CloudFront appends the viewer's; API Gateway's sourceIp is CloudFront's).
 */
export function clientAddress(c: Context): string {
  const hops = forwardedHops(c);
  const lambdaSource = (c.env as LambdaEnv | undefined)?.requestContext?.http?.sourceIp;
  if (lambdaSource) return hops.at(-1) ?? lambdaSource;
  try {
    const address = getConnInfo(c).remote.address; // local: the socket's peer
    if (address) return address;
  } catch {
    // an in-process request (app.request) has no socket
  }
  return hops.at(-1) ?? 'unknown';
}
