import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The secrets in the links a buyer, a donor, an applicant or a concern's sender keeps (an order's
 * page, a receipt, an application's or a concern's status). Only their SHA-256 is stored; a link
 * carries the secret in its fragment (`#token=…`), which browsers never send, so it lands in no
 * access log, proxy log or Referer (the pages send it in a header: functions/http/access-token.ts).
 * A wrong token reads as "not found": a link's owner alone learns the record exists.
 */

/** 24 random bytes, base64url: 192 bits, not guessable. */
export const newAccessToken = () => randomBytes(24).toString('base64url');

/** What is stored instead of the token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether `token` is the one whose hash was stored, in constant time. */
export function tokenMatches(storedHash: string | null | undefined, token: string | null | undefined): boolean {
  if (!storedHash || !token) return false;
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(hashToken(token), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `#token=<t>` on a page's address: the part of a link no server sees. */
export const tokenFragment = (token: string) => `#token=${encodeURIComponent(token)}`;
