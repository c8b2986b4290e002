import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
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

/** Runs `between` once, right after the next TransactWriteItems fails, before the error reaches the app. */
function afterNextRefusedTransaction(between: () => Promise<unknown>) {
  const doc = h.deps.doc as unknown as { send: (cmd: unknown, ...rest: unknown[]) => Promise<unknown> };
  const original = doc.send;
  let fired = false;
  doc.send = async function (this: unknown, cmd: unknown, ...rest: unknown[]) {
    try {
      return await original.call(this, cmd, ...rest);
    } catch (e) {
      if (!fired && cmd instanceof TransactWriteCommand && (e as Error).name === 'TransactionCanceledException') {
        fired = true;
        await between();
      }
      throw e;
    }
  };
  return {
    get fired() {
      return fired;
    },
    restore: () => (doc.send = original),
  };
}

describe('a refused checkout whose units come back before the re-read', () => {
  it('is tried again and gets the unit instead of a 409 that says the unit is there', async () => {
    const l = await h.listing(t, { stock: 1 });
    const first = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
    expect(first.status).toBe(201);
    // the racing buyer cancels on the checkout page between the refusal and the re-read
    const hook = afterNextRefusedTransaction(() => h.press(first.body.checkoutUrl, 'cancel'));
    try {
      const second = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
      expect(hook.fired).toBe(true);
      expect(second.status, JSON.stringify(second.body)).toBe(201);
    } finally {
      hook.restore();
    }
    const after = await h.get(t.bureau, `/api/produce/${l.id}`);
    expect(after).toMatchObject({ stock: 1, available: 0 });
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
