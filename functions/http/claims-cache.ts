import type { Claims, TokenVerifier } from '../adapters/identity.js';

/**
 * Verified claims remembered per token string, so a caller's every request does not redo the
 * signature check (an async WebCrypto job on the libuv pool: ~0.1 ms of CPU but a thread hop that
 * costs ~1 ms of latency under load). Safe because the same token bytes always verify to the same
 * claims: the signature covers the payload. Only successes are remembered, each until the token's
 * `exp` and at most `maxAgeMs` (so a key rotated out of the JWKS stops being honoured within that);
 * the map holds at most `maxEntries` tokens, least recently used evicted first.
 */
export class ClaimsCache {
  private readonly entries = new Map<string, { claims: Claims; untilMs: number }>();

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly opts: { maxEntries: number; maxAgeMs: number; now?: () => number } = { maxEntries: 10_000, maxAgeMs: 10 * 60_000 },
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async verify(token: string): Promise<Claims> {
    const now = (this.opts.now ?? Date.now)();
    const hit = this.entries.get(token);
    if (hit) {
      this.entries.delete(token);
      if (hit.untilMs > now) {
        this.entries.set(token, hit); // most recently used last
        return hit.claims;
      }
    }
    const claims = await this.verifier.verify(token); // throws: nothing remembered
    const exp = expiryOf(token);
    if (typeof exp !== 'number') return claims; // no expiry claim: verify every time
    const untilMs = Math.min(exp * 1000, now + this.opts.maxAgeMs);
    if (untilMs <= now) return claims;
    while (this.entries.size > 0 && this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { claims: Object.freeze({ ...claims }), untilMs });
    return claims;
  }
}

const caches = new WeakMap<TokenVerifier, ClaimsCache>();

/** The one bounded cache of a verifier (per app's deps, so two verifiers never share claims). */
export function claimsCacheOf(verifier: TokenVerifier): ClaimsCache {
  let cache = caches.get(verifier);
  if (!cache) caches.set(verifier, (cache = new ClaimsCache(verifier)));
  return cache;
}

/** The `exp` of a token that has just verified (its payload is then well-formed JSON); no jose here, to keep it out of the api bundle. */
function expiryOf(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  } catch {
    return undefined;
  }
}
