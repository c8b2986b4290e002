import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// A checkout's stock condition can fail while a racing checkout still holds the units, and that
// checkout can give them back (cancelled, or its payment page failed) before the refused one reads
// the listing again to say what is left. Then the buyer must not get "库存不足，仅剩 1件" for 1 unit:
// the checkout tries again and gets the unit.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness();
  t = await h.tenant();
});

type Send = (cmd: unknown, ...rest: unknown[]) => Promise<unknown>;

/**
 * Runs `between` once, right after the next DynamoDB call `when` picks (its result or its error in
 * hand), before the app sees it: a racing buyer's move at that exact moment.
 */
function afterNext(when: (cmd: unknown, error: unknown) => boolean, between: () => Promise<unknown>) {
  const doc = h.deps.doc as unknown as { send: Send };
  const original = doc.send;
  let fired = false;
  doc.send = async function (this: unknown, cmd: unknown, ...rest: unknown[]) {
    let result: unknown;
    try {
      result = await original.call(this, cmd, ...rest);
    } catch (e) {
      if (!fired && when(cmd, e)) {
        fired = true;
        await between();
      }
      throw e;
    }
    if (!fired && when(cmd, null)) {
      fired = true;
      await between();
    }
    return result;
  };
  return {
    get fired() {
      return fired;
    },
    restore: () => (doc.send = original),
  };
}

const refusedTransaction = (cmd: unknown, e: unknown) => cmd instanceof TransactWriteCommand && (e as Error | null)?.name === 'TransactionCanceledException';
const listingsRead = (cmd: unknown, e: unknown) => cmd instanceof BatchGetCommand && e === null;

describe('a refused checkout whose units come back before the re-read', () => {
  it('refused early on the listing as first read, it reads again and gets the unit the racing buyer gave back', async () => {
    const l = await h.listing(t, { stock: 1 });
    const first = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
    expect(first.status).toBe(201);
    // the racing buyer cancels on the checkout page between the first read and the re-read
    const hook = afterNext(listingsRead, () => h.press(first.body.checkoutUrl, 'cancel'));
    try {
      const second = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
      expect(hook.fired).toBe(true);
      expect(second.status, JSON.stringify(second.body)).toBe(201);
    } finally {
      hook.restore();
    }
    expect(await h.get(t.bureau, `/api/produce/${l.id}`)).toMatchObject({ stock: 1, available: 0 });
  });

  it('refused by the transaction, it is tried again and gets the unit instead of a 409 that says the unit is there', async () => {
    const l = await h.listing(t, { stock: 1 });
    let racing: { body: { checkoutUrl: string } } | undefined;
    // a racing buyer takes the unit after this checkout read the listing (so the transaction is
    // refused), and cancels between the refusal and the re-read
    const take = afterNext(listingsRead, async () => {
      racing = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
    });
    const giveBack = afterNext(refusedTransaction, () => h.press(racing!.body.checkoutUrl, 'cancel'));
    try {
      const second = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
      expect(take.fired && giveBack.fired).toBe(true);
      expect(second.status, JSON.stringify(second.body)).toBe(201);
    } finally {
      giveBack.restore();
      take.restore();
    }
    expect(await h.get(t.bureau, `/api/produce/${l.id}`)).toMatchObject({ stock: 1, available: 0 });
  });

  it('a real shortage is still a 409 naming what is left', async () => {
    const l = await h.listing(t, { stock: 2 });
    expect((await h.checkout(t, [{ produceId: l.id, quantity: 2 }])).status).toBe(201);
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('out_of_stock');
    expect(res.body.error.message).toContain('仅剩 0');
  });
});

describe('the 409 names what is left in words a buyer reads right', () => {
  it('a unit that starts with a number is not glued to the count', async () => {
    const l = await h.listing(t, { stock: 1, unit: '5 公斤/箱' });
    expect((await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).status).toBe(201);
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('仅剩 0 份（5 公斤/箱）');
    const plain = await h.listing(t, { stock: 1, unit: '箱' });
    await h.checkout(t, [{ produceId: plain.id, quantity: 1 }]);
    expect((await h.checkout(t, [{ produceId: plain.id, quantity: 1 }])).body.error.message).toContain('仅剩 0箱');
  });
});
