import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.js';
import { ConditionFailed, TenantStore } from '../store/tenant-store.js';
import type { Context } from 'hono';
import { clientAddress } from './client-address.js';
import type { Env } from './context.js';
import { tenantIdOfSlugUnscoped } from './public.js';

type Stored = { state: 'pending' | 'done'; bodyHash: string; status?: number; body?: string };

const KEY_RE = /^[A-Za-z0-9_\-:.]{1,255}$/;
const KEEP_SECONDS = 24 * 3600;

const PUBLIC_POST = /^\/api\/public\/([^/]+)\/./;

/**
 * Whose key it is: a signed-in caller's own (its tenant, its user id); on a public route of a tenant
 * (the checkout) the tenant named by the slug and the client's address, since there is no account.
 */
async function keyScope(c: Context<Env>): Promise<{ store: TenantStore; who: string } | null> {
  const store = c.get('store');
  if (store) return { store, who: c.get('caller').userId };
  const slug = PUBLIC_POST.exec(c.req.path)?.[1];
  const tenantId = slug ? await tenantIdOfSlugUnscoped(c.get('deps'), slug) : null;
  if (!tenantId) return null; // an unknown tenant: the route answers 404 itself
  return { store: new TenantStore(c.get('deps').doc, c.get('deps').tableName, tenantId), who: `public#${clientAddress(c)}` };
}

/**
 * `Idempotency-Key` on a POST: the key is claimed with a conditional put before the handler runs,
 * so two concurrent retries cannot both write; the response is stored, and the same key and body
 * return it again. The same key with another body is a 409.
 */
export const idempotency = createMiddleware<Env>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || !key) return next();
  // only a route that exists keeps a record: a POST to an unknown path is a 404 and stores nothing
  if (!c.req.matchedRoutes.some((r) => r.method === 'POST')) return next();
  const scope = await keyScope(c);
  if (!scope) return next();
  const store = scope.store;
  if (!KEY_RE.test(key)) throw AppError.field('Idempotency-Key', 'Idempotency-Key 格式无效（1–255 位字母、数字或 -_:.）');
  // the raw bytes, not text: Hono re-reads a later formData() from this cached body, and a binary
  // upload (an .xlsx, a photo) must survive byte for byte
  const bodyHash = bodyDigest(Buffer.from(await c.req.arrayBuffer()), c.req.header('content-type'));
  const pk = store.pk('IDEM');
  const sk = `${scope.who}#${c.req.path}#${key}`;
  const now = c.get('deps').clock();
  try {
    await store.put(
      { pk, sk, state: 'pending', bodyHash, expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS },
      { expression: 'attribute_not_exists(pk)' },
    );
  } catch (e) {
    if (!(e instanceof ConditionFailed)) throw e;
    const prior = await store.get<Stored>(pk, sk);
    if (!prior) throw AppError.conflict('请求正在处理中，请稍后重试');
    if (prior.bodyHash !== bodyHash) throw AppError.conflict('Idempotency-Key 已用于另一个不同的请求');
    if (prior.state !== 'done') throw AppError.conflict('相同的请求正在处理中，请稍后重试');
    return new Response(prior.body ?? '', {
      status: prior.status ?? 200,
      headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' },
    });
  }
  try {
    await next();
  } catch (e) {
    await store.delete(pk, sk);
    throw e;
  }
  const res = c.res;
  if (!keepsResult(res.status)) {
    await store.delete(pk, sk);
    return;
  }
  const body = await res.clone().text();
  await store.put({ pk, sk, state: 'done', bodyHash, status: res.status, body, expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS });
});

/**
 * Which answers a key keeps (Stripe's rule): a result is saved only once the route
 * began its work — a success, or a refusal of the service's own (404 of a record, 409, 410). A
 * request the route never began — refused by validation (400), authentication (401), permission
 * (403), size (413) or a rate limit (429) — and a server error (5xx) leave no record, so the same key
 * may be retried with a corrected request.
 */
export function keepsResult(status: number): boolean {
  return status < 400 || status === 404 || status === 409 || status === 410;
}

/**
 * The body's SHA-256. A multipart form's boundary is the client's random choice, made again for a
 * retry (a browser's FormData does): every `--<boundary>` is hashed as one fixed marker, so the same
 * parts (names, file names, types, bytes, order) are the same request whatever the boundary.
 */
export function bodyDigest(bytes: Buffer, contentType: string | undefined): string {
  const h = createHash('sha256');
  const boundary = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return h.update(bytes).digest('hex');
  const marker = Buffer.from(`--${b}`);
  let at = 0;
  for (let i = bytes.indexOf(marker, at); i >= 0; i = bytes.indexOf(marker, at)) {
    h.update(bytes.subarray(at, i)).update('--<boundary>');
    at = i + marker.length;
  }
  return h.update(bytes.subarray(at)).digest('hex');
}
