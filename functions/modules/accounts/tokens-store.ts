import { randomBytes } from 'node:crypto';
import { hashToken } from '../access-tokens.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/**
 * Link tokens (invitations, password resets): 32 random bytes, base64url, sent only in the email's
 * link; the table keeps their SHA-256, under a global index that names the tenant (the link's
 * holder has no account and no tenant yet).
 */
export const newLinkToken = () => randomBytes(32).toString('base64url');

export type LinkKind = 'invite' | 'reset';
export type LinkEntry = {
  kind: LinkKind;
  tenantId: string;
  /** the invitation's email key, or the user's id */
  ref: string;
  email: string;
  /** when the link stops working (ISO): what every check reads */
  validUntil: string;
  usedAt?: string;
  /** the table's TTL attribute (epoch seconds): housekeeping a week after validUntil */
  expiresAt: number;
};

// Access pattern: a link's token (hashed) → global pk LINK, sk <sha-256>.
export const linkKey = (global: TenantStore, hash: string) => ({ pk: global.globalPk('LINK'), sk: hash });

export function putLinkTx(global: TenantStore, hash: string, entry: LinkEntry): TxItem {
  return { Put: { Item: { ...linkKey(global, hash), ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

export async function findLinkUnscoped(global: TenantStore, token: string): Promise<(LinkEntry & { hash: string }) | null> {
  const hash = hashToken(token);
  const k = linkKey(global, hash);
  const e = await global.get<LinkEntry>(k.pk, k.sk);
  return e ? { ...e, hash } : null;
}

/** Marks a link used, once: a second use (or a race of two) fails the condition. */
export function useLinkTx(global: TenantStore, hash: string, at: string, failWith: Error): TxItem {
  return {
    Update: {
      Key: linkKey(global, hash),
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :at',
      ExpressionAttributeValues: { ':at': at },
    },
    failWith: failWith as never,
  };
}
