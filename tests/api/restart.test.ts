import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoLocal, type DynamoLocal } from '../../functions/adapters/dynamo-local.js';
import { buildApp } from '../../functions/app-full.js';
import { DEMO_PASSWORD } from '../../functions/demo/data.js';
import { ensurePlatformAdmin, PLATFORM_ADMIN_EMAIL } from '../../functions/demo/load.js';
import { localDeps } from '../../functions/entries/runtime.js';
import { makeVillage } from '../support/harness.js';
import { signInEnrolling } from '../support/mfa.js';

// Local mode keeps its data in DATA_DIR: a village written before the database stops is there
// after it starts again, and the same identity keys still sign users in (and accept old tokens).
// This file runs its own DynamoDB Local on files, laid out as functions/entries/local.ts does.

const NOW = new Date('2026-06-15T04:00:00Z');
const dataDir = mkdtempSync(path.join(tmpdir(), 'bangfu-restart-'));
let db: DynamoLocal | undefined;

afterAll(async () => {
  await db?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The database on dataDir and the app over it, as `npm start` wires them. */
async function boot() {
  db = await startDynamoLocal({ dataDir: path.join(dataDir, 'dynamodb') });
  const deps = await localDeps({ endpoint: db.endpoint, dataDir, clock: () => NOW });
  await ensurePlatformAdmin(deps.doc, deps.tableName);
  const app = buildApp(deps);
  const call = async (method: string, url: string, token?: string, body?: unknown) => {
    const res = await app.request(url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const login = async (email: string, password: string) => {
    const res = await call('POST', '/api/auth/login', undefined, { email, password });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };
  return { call, login };
}

describe('a restart of local mode', () => {
  it('keeps the village written before it, and signs the same users in', async () => {
    let app = await boot();
    // the platform admin must use two-step verification (issue 15): its first sign-in enrols it (at the app's clock)
    const platform = await signInEnrolling((m, p, token, body) => app.call(m, p, token || undefined, body), PLATFORM_ADMIN_EMAIL, DEMO_PASSWORD, NOW);
    const tenant = await app.call('POST', '/api/admin/tenants', platform, {
      slug: 'restart',
      name: '重启县民政局',
      region: '重启县',
      mfaRequiredForBureauAdmins: false,
    });
    expect(tenant.status).toBe(201);
    const user = await app.call('POST', '/api/users', platform, {
      email: 'admin@restart.test',
      password: 'restart-pass-1',
      role: 'bureau_admin',
      tenantId: tenant.body.id,
    });
    expect(user.status).toBe(201);
    const before = await app.login('admin@restart.test', 'restart-pass-1');
    const village = await app.call('POST', '/api/villages', before, makeVillage({ name: '重启村' }));
    expect(village.status).toBe(201);

    await db!.stop();
    db = undefined;
    app = await boot();

    const stillValid = await app.call('GET', `/api/villages/${village.body.id}`, before);
    expect(stillValid.status).toBe(200);
    const after = await app.login('admin@restart.test', 'restart-pass-1');
    const found = await app.call('GET', `/api/villages/${village.body.id}`, after);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(village.body);
    expect((await app.call('GET', '/api/villages', after)).body.items.map((v: { id: string }) => v.id)).toEqual([village.body.id]);
    expect((await app.call('GET', `/api/audit?entity=village&id=${village.body.id}`, after)).body.items).toHaveLength(1);
  }, 120_000);
});
