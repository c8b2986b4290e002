/**
 * The Stripe keys on AWS: one Secrets Manager secret (`{"secretKey": "sk_…", "webhookSecret":
 * "whsec_…"}`), named by STRIPE_SECRET_ID and read once per cold start through the AWS Parameters
 * and Secrets Lambda Extension (a layer infra/constructs/stripe-secrets.ts adds): a GET on
 * localhost, so no Secrets Manager SDK client enters the bundle, and the values are never in the
 * template or the function's configuration. Local mode never comes here (functions/entries/local.ts
 * reads STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET or uses the local checkout).
 */
import { request } from 'node:http';
import { z } from 'zod';

/** The secret's JSON, checked field by field; a message names the field, never its value. */
export const StripeSecret = z.object({
  secretKey: z
    .string({ error: 'missing (or not a string)' })
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'expected a Stripe secret key (sk_test_…, sk_live_… or a restricted rk_…)'),
  webhookSecret: z.string({ error: 'missing (or not a string)' }).regex(/^whsec_\w+$/, 'expected a webhook signing secret (whsec_…)'),
});
export type StripeKeys = z.infer<typeof StripeSecret>;

/** The extension's port when PARAMETERS_SECRETS_EXTENSION_HTTP_PORT is not set (its own default). */
export const EXTENSION_DEFAULT_PORT = 2773;

/** How long the read may take (the functions' timeout is 10 s or more). */
const EXTENSION_TIMEOUT_MS = 5000;

/**
 * Reads and checks the secret through the extension. Throws an Error that names the secret and
 * what is wrong (unreachable extension, an answer other than 200, not JSON, a missing or malformed
 * key) without ever quoting the secret's text.
 */
export async function readStripeSecret(secretId: string, env: NodeJS.ProcessEnv = process.env): Promise<StripeKeys> {
  const where = `Stripe secret "${secretId}"`;
  const token = env.AWS_SESSION_TOKEN;
  if (!token) throw new Error(`${where}: AWS_SESSION_TOKEN is not set (the Parameters and Secrets extension needs it)`);
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT || String(EXTENSION_DEFAULT_PORT);
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  let res: { status: number; text: string };
  try {
    // well inside the function's timeout: a hung extension fails the cold start with this message
    res = await httpGet(url, { 'X-Aws-Parameters-Secrets-Token': token }, EXTENSION_TIMEOUT_MS);
  } catch (e) {
    throw new Error(
      `${where}: the Parameters and Secrets extension is not reachable on port ${port} (is its layer on the function?): ${(e as Error).message}`,
      { cause: e },
    );
  }
  if (res.status < 200 || res.status > 299) {
    // the extension's error text names the secret and Secrets Manager's error, not the value
    const detail = res.text.slice(0, 300);
    throw new Error(`${where}: the Parameters and Secrets extension answered ${res.status}${detail ? `: ${detail}` : ''}`);
  }
  let fields: unknown;
  try {
    const body = JSON.parse(res.text) as { SecretString?: unknown };
    if (typeof body.SecretString !== 'string') throw new Error('no SecretString');
    fields = JSON.parse(body.SecretString);
  } catch {
    // JSON.parse's message quotes the text: it must not reach the logs
    throw new Error(`${where}: expected a JSON SecretString like {"secretKey": "sk_…", "webhookSecret": "whsec_…"}`);
  }
  const parsed = StripeSecret.safeParse(fields);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(secret)'}: ${i.message}`).join('; ');
    throw new Error(`${where}: ${problems}`);
  }
  return parsed.data;
}

/**
 * One GET on the loopback, its status and text. node:http, not fetch: fetch's first call loads
 * undici, which took longer than this whole read at cold start (tests/bench/cold-start.ts).
 * On a connection of its own (agent: false, `Connection: close`), never the global agent's pooled
 * keep-alive one: a pooled connection the extension closes as idle just as the next read reuses it
 * fails that read with ECONNRESET, and a pooled socket can go stale across Lambda's freeze.
 */
function httpGet(url: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A Lambda handler whose making needs something read at cold start (the Stripe keys): `make` runs
 * on the first invocation (by then every extension has finished its init, which the function's own
 * init does not wait for) and its promise is kept for the life of the execution environment. A
 * failure fails that invocation loudly and is not kept, so the next one tries again.
 */
export function handlerMadeAtColdStart<E, C, R>(make: () => Promise<(event: E, context: C) => Promise<R>>): (event: E, context: C) => Promise<R> {
  let made: Promise<(event: E, context: C) => Promise<R>> | undefined;
  return async (event, context) => {
    made ??= make().catch((e: unknown) => {
      made = undefined;
      throw e;
    });
    return (await made)(event, context);
  };
}
