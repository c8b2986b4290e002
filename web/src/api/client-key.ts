/** A fresh Idempotency-Key for one logical write (the same key on a retry returns the same record). */
export function idempotencyKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * One key per distinct request: the same body sent again (a double click, a retry) reuses its key
 * and is applied once; a corrected body gets a new key, since the server stores its answer to a
 * key (a 4xx too) and refuses the key with another body (409).
 */
export function keyPerRequest(): (body: unknown) => string {
  let last: { sig: string; key: string } | null = null;
  return (body) => {
    const sig = JSON.stringify(body);
    if (last?.sig !== sig) last = { sig, key: idempotencyKey() };
    return last.key;
  };
}
