import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../functions/errors.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness } from '../support/harness.js';

// The tenant-scoped client refuses every key outside its tenant, before DynamoDB is asked, so a
// refused write leaves nothing behind. Built directly over the harness's DynamoDB client.

let mine: TenantStore;
let theirs: TenantStore;
/** a tenant whose id starts with mine's: its keys must not pass a bare prefix test */
let longer: TenantStore;

beforeAll(async () => {
  const h = await makeHarness();
  mine = new TenantStore(h.deps.doc, h.deps.tableName, 'tnA');
  theirs = new TenantStore(h.deps.doc, h.deps.tableName, 'tnB');
  longer = new TenantStore(h.deps.doc, h.deps.tableName, 'tnAB');
  await theirs.put({ pk: theirs.pk('THING'), sk: 'secret', value: 'B only' });
  await longer.put({ pk: longer.pk('THING'), sk: 'secret', value: 'AB only' });
});

const REFUSED = /tenant store refused/;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('reads outside the tenant', () => {
  it('get refuses another tenant’s key, which its owner can read', async () => {
    await expect(mine.get(theirs.pk('THING'), 'secret')).rejects.toThrow(REFUSED);
    await expect(mine.get(longer.pk('THING'), 'secret')).rejects.toThrow(REFUSED);
    expect(await theirs.get(theirs.pk('THING'), 'secret')).toMatchObject({ value: 'B only' });
  });

  it('getMany refuses if any key is outside', async () => {
    await expect(
      mine.getMany([
        { pk: mine.pk('THING'), sk: 'x' },
        { pk: theirs.pk('THING'), sk: 'secret' },
      ]),
    ).rejects.toThrow(REFUSED);
  });

  it('query refuses another tenant’s partition, on the table and on an index', async () => {
    await expect(mine.query({ pk: theirs.pk('THING') })).rejects.toThrow(REFUSED);
    await expect(mine.query({ pk: theirs.pk('VILLAGE'), index: 'villagesByCoverage' })).rejects.toThrow(REFUSED);
    expect((await theirs.query({ pk: theirs.pk('THING') })).items).toHaveLength(1);
  });

  it('query refuses a forged cursor pointing into another tenant', async () => {
    for (const cursor of [b64({ pk: theirs.pk('THING'), sk: 'a' }), b64({ pk: mine.pk('THING'), sk: 'a', coveragePk: theirs.pk('VILLAGE') })]) {
      const err = await mine.query({ pk: mine.pk('THING'), cursor }).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 400, code: 'validation_failed', details: [expect.objectContaining({ path: 'query.cursor' })] });
    }
  });
});

describe('writes outside the tenant', () => {
  it('put refuses another tenant’s pk and writes nothing', async () => {
    await expect(mine.put({ pk: theirs.pk('THING'), sk: 'planted', value: 'x' })).rejects.toThrow(REFUSED);
    expect(await theirs.get(theirs.pk('THING'), 'planted')).toBeNull();
  });

  it('put refuses an index key outside the tenant even with its own pk', async () => {
    await expect(mine.put({ pk: mine.pk('THING'), sk: 'sneaky', villagePk: theirs.pk('VILLAGE', 'v1'), villageSk: 'x' })).rejects.toThrow(REFUSED);
    expect(await mine.get(mine.pk('THING'), 'sneaky')).toBeNull();
  });

  it('increment refuses another tenant’s counter', async () => {
    await expect(mine.increment(theirs.pk('THING'), 'secret', 'n', 1)).rejects.toThrow(REFUSED);
    expect((await theirs.get<{ n?: number }>(theirs.pk('THING'), 'secret'))?.n).toBeUndefined();
  });

  it.each([
    ['a Put', { Put: { Item: { pk: 'T#tnB#THING', sk: 'tx-planted' } } }],
    ['an Update', { Update: { Key: { pk: 'T#tnB#THING', sk: 'secret' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': 1 } } }],
    ['a Delete', { Delete: { Key: { pk: 'T#tnB#THING', sk: 'secret' } } }],
    ['a ConditionCheck', { ConditionCheck: { Key: { pk: 'T#tnB#THING', sk: 'secret' }, ConditionExpression: 'attribute_exists(pk)' } }],
    [
      'an Update moving an index key into another tenant',
      { Update: { Key: { pk: 'T#tnA#THING', sk: 'mine' }, UpdateExpression: 'SET villagePk = :k', ExpressionAttributeValues: { ':k': 'T#tnB#VILLAGE#v1' } } },
    ],
  ])('transact refuses %s outside the tenant, and its own actions are not written either', async (_what, action) => {
    const own = { Put: { Item: { pk: mine.pk('THING'), sk: `tx-${Math.random()}` } } };
    await expect(mine.transact([own, action as never])).rejects.toThrow(REFUSED);
    expect(await mine.get(mine.pk('THING'), own.Put.Item.sk)).toBeNull();
    expect(await theirs.get(theirs.pk('THING'), 'secret')).toEqual({ pk: 'T#tnB#THING', sk: 'secret', value: 'B only' });
    expect(await theirs.get(theirs.pk('THING'), 'tx-planted')).toBeNull();
  });

  it('its own keys pass (the refusals above are about the tenant)', async () => {
    await mine.transact([{ Put: { Item: { pk: mine.pk('THING'), sk: 'ok' } } }]);
    await mine.put({ pk: mine.pk('THING'), sk: 'ok2', villagePk: mine.pk('VILLAGE', 'v1'), villageSk: 'x' });
    expect((await mine.query({ pk: mine.pk('THING') })).items.map((i) => i.sk)).toEqual(['ok', 'ok2']);
  });
});

describe('tenant ids', () => {
  it.each(['a#b', '', 'T#x', 'has space'])('a store cannot be made for the id %j', (id) => {
    expect(() => mine.forTenantUnscoped(id)).toThrow();
  });
});

describe('getOnce: an item one request reads several times', () => {
  it('is read once per store, refused outside the tenant, and read again after a write through the store', async () => {
    const h = await makeHarness();
    let gets = 0;
    const doc = Object.create(h.deps.doc) as typeof h.deps.doc;
    (doc as any).send = (cmd: any, ...rest: unknown[]) => {
      if (cmd.constructor.name === 'GetCommand') gets++;
      return (h.deps.doc.send as any)(cmd, ...rest);
    };
    const store = new TenantStore(doc, h.deps.tableName, 'tnOnce');
    await store.put({ pk: store.pk('THING'), sk: 'one', value: 1 });
    gets = 0;
    const [a, b] = await Promise.all([store.getOnce<{ value: number }>(store.pk('THING'), 'one'), store.getOnce<{ value: number }>(store.pk('THING'), 'one')]);
    expect(a).toMatchObject({ value: 1 });
    expect(b).toEqual(a);
    expect(b).not.toBe(a); // each caller its own copy
    expect(gets).toBe(1);
    await expect(store.getOnce(theirs.pk('THING'), 'secret')).rejects.toThrow(REFUSED);
    // a write through the store forgets what it read
    await store.put({ pk: store.pk('THING'), sk: 'one', value: 2 });
    expect(await store.getOnce(store.pk('THING'), 'one')).toMatchObject({ value: 2 });
    expect(gets).toBe(2);
    // another store (another request) reads for itself
    const other = new TenantStore(doc, h.deps.tableName, 'tnOnce');
    expect(await other.getOnce(store.pk('THING'), 'one')).toMatchObject({ value: 2 });
    expect(gets).toBe(3);
    // an absent item is remembered as absent within the store
    expect(await store.getOnce(store.pk('THING'), 'none')).toBeNull();
    expect(await store.getOnce(store.pk('THING'), 'none')).toBeNull();
    expect(gets).toBe(4);
  });
});
