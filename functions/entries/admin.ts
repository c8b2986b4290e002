/**
 * The first platform admin of a deployment (`npm run create-admin`, scripts/create-admin.ts): the
 * same path as every user — createUser with the stage's Cognito directory, which creates the pool
 * user (tenant `_platform`, role platform_admin, a permanent password) and writes the user's record
 * and login entry to the table in one transaction. Idempotent by email.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LoginRegistry } from '../adapters/identity.js';
import { createUser, PLATFORM_TENANT } from '../modules/identity/service.js';
import { findLoginUnscoped } from '../modules/identity/store.js';
import { globalStoreUnscoped, TenantStore } from '../store/tenant-store.js';

export async function createPlatformAdmin(
  doc: DynamoDBDocumentClient,
  tableName: string,
  logins: LoginRegistry,
  input: { email: string; password: string },
  now = new Date(),
): Promise<{ created: boolean; userId?: string }> {
  if (await findLoginUnscoped(globalStoreUnscoped(doc, tableName), input.email)) return { created: false };
  const user = await createUser(
    {
      store: new TenantStore(doc, tableName, PLATFORM_TENANT),
      caller: { userId: 'system', email: 'system@bangfu.local', role: 'platform_admin', tenantId: PLATFORM_TENANT },
      now,
    },
    logins,
    { email: input.email, password: input.password, role: 'platform_admin', tenantId: PLATFORM_TENANT },
  );
  return { created: true, userId: user.id };
}
