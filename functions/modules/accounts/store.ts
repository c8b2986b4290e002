import type { Role } from '../../../shared/permissions.js';
import type { AppError } from '../../errors.js';
import type { Locale } from '../../../shared/schemas/notifications.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/** An invitation out: one per email in a tenant (a new one replaces it, and its link dies). */
export type InvitationItem = {
  id: string;
  email: string;
  role: Exclude<Role, 'platform_admin'>;
  organizationId?: string;
  tokenHash: string;
  invitedBy: string;
  locale: Locale;
  createdAt: string;
  expiresAt: string;
  /** from an approved application: its id */
  applicationId?: string;
};

// Access pattern: a tenant's pending invitations, and one by its email → pk INVITE, sk <email>.
export const inviteKey = (store: TenantStore, email: string) => ({ pk: store.pk('INVITE'), sk: email });

export async function getInvitation(store: TenantStore, email: string): Promise<InvitationItem | null> {
  const k = inviteKey(store, email);
  return store.get<InvitationItem>(k.pk, k.sk);
}

/**
 * Puts an invitation, replacing exactly the one that was read (`previousTokenHash`), or none:
 * two invitations racing for one email, one wins and the other fails with `failWith`.
 */
export function putInvitationTx(store: TenantStore, invitation: InvitationItem, previousTokenHash: string | undefined, failWith: AppError): TxItem {
  return {
    Put: {
      Item: { ...inviteKey(store, invitation.email), ...invitation },
      ...(previousTokenHash !== undefined
        ? { ConditionExpression: 'tokenHash = :prev', ExpressionAttributeValues: { ':prev': previousTokenHash } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
    failWith,
  };
}

/** Deletes the invitation of `email` only while its link is still `tokenHash` (not withdrawn, not replaced). */
export function deleteInvitationTx(store: TenantStore, email: string, tokenHash: string, failWith: AppError): TxItem {
  return { Delete: { Key: inviteKey(store, email), ConditionExpression: 'tokenHash = :h', ExpressionAttributeValues: { ':h': tokenHash } }, failWith };
}

export async function listInvitations(store: TenantStore): Promise<InvitationItem[]> {
  return store.queryAll<InvitationItem>({ pk: store.pk('INVITE') }, 1000);
}
