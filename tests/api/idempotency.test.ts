import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, makeVillage, type Harness, type TestTenant } from '../support/harness.js';

// A POST with an Idempotency-Key: the same key and body give the same answer once and one record;
// the same key with another body is a 409; without a key every POST is a new record.

let h: Harness;
let t: TestTenant;
let pairing: { id: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  pairing = await h.activePairing(t, { startDate: '2026-01-01' });
});

let n = 0;
const key = () => `retry-${Date.now().toString(36)}-${n++}`;
const postVillage = (body: Record<string, unknown>, k?: string, token = t.bureau) =>
  h.call('POST', '/api/villages', { token, body, headers: k ? { 'idempotency-key': k } : {} });
/** The tenant's idempotency records (test tooling: a query of its IDEM partition). */
async function idemRecords(): Promise<number> {
  const out = await h.deps.doc.send(
    new QueryCommand({ TableName: h.deps.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `T#${t.id}#IDEM` } }),
  );
  return out.Items?.length ?? 0;
}
const villagesNamed = async (name: string) =>
  (await h.get<{ items: { name: string }[] }>(t.bureau, '/api/villages?limit=100')).items.filter((v) => v.name === name).length;

describe('Idempotency-Key', () => {
  it('the same key and body return the same status and body, and make one record', async () => {
    const k = key();
    const body = makeVillage({ name: '重试村' });
    const first = await postVillage(body, k);
    const second = await postVillage(body, k);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await villagesNamed('重试村')).toBe(1);
    expect(await h.audit(t, 'village', first.body.id)).toHaveLength(1);
  });

  it('the same key with another body is a 409 and writes nothing', async () => {
    const k = key();
    expect((await postVillage(makeVillage({ name: '甲村次' }), k)).status).toBe(201);
    const other = await postVillage(makeVillage({ name: '乙村次' }), k);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    expect(await villagesNamed('乙村次')).toBe(0);
    expect(await villagesNamed('甲村次')).toBe(1);
  });

  it('without a key, the same body twice makes two records', async () => {
    const body = makeVillage({ name: '无键村' });
    expect((await postVillage(body)).status).toBe(201);
    expect((await postVillage(body)).status).toBe(201);
    expect(await villagesNamed('无键村')).toBe(2);
  });

  it('different keys make different records', async () => {
    const body = makeVillage({ name: '两键村' });
    const [x, y] = [await postVillage(body, key()), await postVillage(body, key())];
    expect(x.body.id).not.toBe(y.body.id);
    expect(await villagesNamed('两键村')).toBe(2);
  });

  it("a key belongs to the user who sent it: another user's same key is a new request", async () => {
    const other = await h.call('POST', '/api/users', {
      token: t.bureau,
      body: { email: `clerk${n++}@bureau.test`, password: 'clerk-pass-1', role: 'bureau_admin' },
    });
    const clerk = await h.login(other.body.email, 'clerk-pass-1');
    const k = key();
    const body = makeVillage({ name: '同键村' });
    const mine = await postVillage(body, k);
    const theirs = await postVillage(body, k, clerk);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await villagesNamed('同键村')).toBe(2);
  });

  it('a retried activity is logged once', async () => {
    const k = key();
    const body = { date: '2026-06-01', type: 'visit', peopleReached: 8, description: '重试走访' };
    const send = () => h.call('POST', `/api/pairings/${pairing.id}/activities`, { token: t.bureau, body, headers: { 'idempotency-key': k } });
    const [a, b] = [await send(), await send()];
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(await h.ids(t.bureau, `/api/pairings/${pairing.id}/activities`)).toEqual([a.body.id]);
    expect((await h.get(t.bureau, `/api/pairings/${pairing.id}`)).activityCount).toBe(1);
  });

  it('a request refused by validation keeps no record: the same key with the corrected body goes through (issue 15, hole 5)', async () => {
    const k = key();
    const bad = makeVillage({ name: '坏数据村', households: -1 });
    const before = await idemRecords();
    const first = await postVillage(bad, k);
    expect(first.status).toBe(400);
    expect(await idemRecords()).toBe(before);
    const fixed = await postVillage(makeVillage({ name: '坏数据村' }), k);
    expect(fixed.status).toBe(201);
    expect(await villagesNamed('坏数据村')).toBe(1);
  });

  it('a refusal of the service itself (409) is kept and replayed for the same key', async () => {
    const k = key();
    const p = await h.get<{ villageId: string; organizationId: string }>(t.bureau, `/api/pairings/${pairing.id}`);
    const body = { villageId: p.villageId, organizationId: p.organizationId, startDate: '2026-06-01' };
    const first = await h.call('POST', '/api/pairings', { token: t.bureau, body, headers: { 'idempotency-key': k } });
    expect(first.status).toBe(409);
    const again = await h.call('POST', '/api/pairings', { token: t.bureau, body, headers: { 'idempotency-key': k } });
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a forbidden request (403) keeps no record', async () => {
    const before = await idemRecords();
    const { member } = await h.organization(t);
    expect((await postVillage(makeVillage({ name: '越权村' }), key(), member)).status).toBe(403);
    expect(await idemRecords()).toBe(before);
  });

  it('anonymous POSTs to unknown paths, or with invalid bodies, store nothing (issue 15, hole 5)', async () => {
    const before = await idemRecords();
    for (let i = 0; i < 5; i++) {
      const res = await h.call('POST', `/api/public/${t.slug}/no-such-route-${i}`, { body: { x: i }, headers: { 'idempotency-key': key() } });
      expect(res.status).toBe(404);
    }
    const invalid = await h.call('POST', `/api/public/${t.slug}/checkout`, { body: { items: 'not a list' }, headers: { 'idempotency-key': key() } });
    expect(invalid.status).toBe(400);
    const unknownSigned = await h.call('POST', '/api/no-such-route', { token: t.bureau, body: {}, headers: { 'idempotency-key': key() } });
    expect(unknownSigned.status).toBe(404);
    expect(await idemRecords()).toBe(before);
  });

  it('a malformed key is a 400', async () => {
    const res = await postVillage(makeVillage({ name: '坏键村' }), 'has spaces / and slashes');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('Idempotency-Key');
    expect(await villagesNamed('坏键村')).toBe(0);
  });
});
