import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dynamoClient } from '../../functions/adapters/dynamo-local.js';
import { recountDashboard } from '../../functions/modules/dashboard/recount.js';
import { MIGRATIONS } from '../../functions/entries/migrations.js';
import { allNeedsByOrg } from '../../functions/modules/needs/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { main as migrate, resolveTarget } from '../../scripts/migrate.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// `npm run migrate`: the one-off migrations `npm start` runs at every start (the dashboard's
// counters, the sellers' settlement items), against a deployed stage's table or, here, a DynamoDB
// Local (--endpoint). A tenant whose counter items are missing is recounted; a second run changes
// nothing. "Today" is 2026-06-15 in Asia/Shanghai for the records; the migration runs at the real now.

let h: Harness;
let t: TestTenant;
let store: TenantStore;
const endpoint = () => inject('dynamoEndpoint');
const temps: string[] = [];

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Every counter and settlement item of the tenant, as stored. */
async function counterItems() {
  const counters = await store.queryAll<Record<string, unknown>>({ pk: store.pk('COUNTERS') });
  const gaps = await store.queryAll<Record<string, unknown>>({ pk: store.pk('FLAG'), skBeginsWith: 'GAPOPEN#' });
  return [...counters, ...gaps].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
}

describe('npm run migrate against DynamoDB Local', () => {
  it('recounts a tenant that lacks its counter items, once: a second run changes nothing', async () => {
    const org = await h.organization(t);
    const v = await h.village(t, { supervised: true, registeredOn: '2026-01-01' });
    await h.village(t, { supervised: false });
    await h.activePairing(t, { villageId: v, orgId: org.id, startDate: '2026-06-05' });
    const d = await h.call('POST', '/api/donations', {
      token: t.bureau,
      body: { villageId: v, kind: 'cash', amountFen: 90_000, donorName: '甲', donorType: 'person', date: '2026-03-03' },
    });
    expect(d.status).toBe(201);
    const l = await h.listing(t, { villageId: v, stock: 5, priceFen: 2_500 });
    await h.press((await h.checkout(t, [{ produceId: l.id, quantity: 2 }], { token: org.member })).body.checkoutUrl, 'pay');
    // a need the organization pledged and met: its NEEDS_ORG columns
    const need = await h.call('POST', '/api/needs', { token: t.bureau, body: { villageId: v, category: 'education', title: '课桌', quantity: 5, unit: '套' } });
    expect((await h.call('POST', `/api/needs/${need.body.id}/pledge`, { token: org.member, body: { note: '认领' } })).status).toBe(200);
    expect((await h.call('POST', `/api/needs/${need.body.id}/fulfil`, { token: org.member, body: { note: '已送达' } })).status).toBe(200);
    const needsRight = await allNeedsByOrg(store);
    expect(needsRight.get(org.id)?.get('2026-06')).toEqual({ pledged: 1, met: 1 });
    const right = await h.get(t.bureau, '/api/dashboard');
    expect(right).toEqual(await recountDashboard({ store, now: h.clock.now }));
    for (const k of await store.queryAll<Record<string, unknown>>({ pk: store.pk('NEEDS_ORG') }))
      await store.transact([{ Delete: { Key: { pk: k.pk, sk: k.sk } } }]);

    // a table from before the counters and settlement items: theirs and the markers gone
    const gone = (await counterItems()).filter((c) =>
      /^(VILLAGES|FUNDS|OVER_LIMIT|BACKFILLED|SETTLEMENT_BACKFILLED|NEEDS_ORG_BACKFILLED|MONTH#|COMMITMENTS#|GAPOPEN#)/.test(String(c.sk)),
    );
    expect(gone.map((c) => c.sk)).toEqual(expect.arrayContaining(['BACKFILLED', 'VILLAGES', 'FUNDS']));
    for (const k of gone) await store.transact([{ Delete: { Key: { pk: k.pk, sk: k.sk } } }]);
    expect((await h.get(t.bureau, '/api/dashboard')).villages).toMatchObject({ total: 0 });

    const lines: string[] = [];
    const first = await migrate(['--endpoint', endpoint(), '--table', h.deps.tableName], {}, (l) => lines.push(l));
    console.log(lines.join('\n'));
    expect(lines[0]).toBe(`migrate: table ${h.deps.tableName} (from --table) at ${endpoint()}; ${MIGRATIONS.length} migrations`);
    // the harness's own tenants and this one: each migration reaches this one
    expect(first.find((m) => m.name === 'dashboard-counters')!.changed).toBeGreaterThanOrEqual(1);
    expect(await h.get(t.bureau, '/api/dashboard')).toEqual(right);
    expect(first.find((m) => m.name === 'needs-by-organization')!.changed).toBeGreaterThanOrEqual(1);
    expect(await allNeedsByOrg(store)).toEqual(needsRight);
    const after = await counterItems();

    const second = await migrate(['--endpoint', endpoint(), '--table', h.deps.tableName], {}, () => undefined);
    for (const m of second) expect({ name: m.name, changed: m.changed }).toEqual({ name: m.name, changed: 0 });
    expect(await counterItems()).toEqual(after);
    expect(await h.get(t.bureau, '/api/dashboard')).toEqual(right);
  });

  it('DYNAMODB_ENDPOINT and TABLE_NAME from the environment do the same', async () => {
    const r = await migrate([], { DYNAMODB_ENDPOINT: endpoint(), TABLE_NAME: h.deps.tableName }, () => undefined);
    expect(r.map((m) => m.changed)).toEqual(MIGRATIONS.map(() => 0));
  });

  it('a table that is not there is named in the error, before anything runs', async () => {
    await expect(migrate(['--endpoint', endpoint(), '--table', 'no-such-table'], {}, () => undefined)).rejects.toThrow(
      /migrate: table no-such-table \(from --table\) cannot be read/,
    );
  });
});

describe('the table a stage names', () => {
  const client = (e?: string) => dynamoClient(e ?? endpoint());

  it('--context stage=prod: the stack output TableName in cdk-outputs.json', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bangfu-migrate-'));
    temps.push(dir);
    writeFileSync(
      path.join(dir, 'cdk-outputs.json'),
      JSON.stringify({ 'Bangfu-prod': { TableName: 'Bangfu-prod-DataTable7E4D1A2B-1X2Y3Z' }, 'Bangfu-dev': { TableName: 'other' } }),
    );
    expect(await resolveTarget(['--context', 'stage=prod'], {}, client, dir)).toEqual({
      tableName: 'Bangfu-prod-DataTable7E4D1A2B-1X2Y3Z',
      from: 'cdk-outputs.json (Bangfu-prod.TableName)',
      endpoint: undefined,
      stage: 'prod',
    });
    // TABLE_NAME wins; an unknown stage is refused
    expect((await resolveTarget(['--context', 'stage=prod'], { TABLE_NAME: 'named' }, client, dir)).tableName).toBe('named');
    await expect(resolveTarget(['--context', 'stage=qa'], {}, client, dir)).rejects.toThrow(/unknown stage "qa"/);
  });

  it('without outputs: the one table CloudFormation named for the stack (Bangfu-<stage>-Data…), else a clear error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bangfu-migrate-'));
    temps.push(dir);
    const c = dynamoClient(endpoint());
    const name = `Bangfu-dev-DataTable${process.pid}-ABC`;
    await c.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    try {
      expect(await resolveTarget(['-c', 'stage=dev', '--endpoint', endpoint()], {}, client, dir)).toMatchObject({ tableName: name, stage: 'dev' });
      await expect(resolveTarget(['-c', 'stage=prod', '--endpoint', endpoint()], {}, client, dir)).rejects.toThrow(
        /no table for Bangfu-prod: .*no table named Bangfu-prod-Data…/,
      );
    } finally {
      await c.send(new DeleteTableCommand({ TableName: name }));
      c.destroy();
    }
  });

  it('--endpoint without a stage: local mode’s table (DYNAMODB_TABLE, default bangfu)', async () => {
    expect(await resolveTarget(['--endpoint', 'http://127.0.0.1:1'], {}, client)).toMatchObject({ tableName: 'bangfu', from: "local mode's default" });
    expect(await resolveTarget([], { DYNAMODB_ENDPOINT: 'http://127.0.0.1:1', DYNAMODB_TABLE: 'mine' }, client)).toMatchObject({
      tableName: 'mine',
      from: 'DYNAMODB_TABLE',
    });
  });
});
