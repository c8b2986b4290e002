import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 8 as a property: after any sequence of donations (cash and goods), refunds and expenditures
// over a few villages, every village's counters satisfy received = used + balance + refunded to the
// fen, the balance is never negative, and the counters equal a model kept by the test.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const Op = fc.oneof(
  fc.record({ op: fc.constant('cash' as const), v: fc.nat(2), amount: fc.integer({ min: 1, max: 50_000 }) }),
  fc.record({ op: fc.constant('goods' as const), v: fc.nat(2), amount: fc.integer({ min: 1, max: 50_000 }) }),
  fc.record({ op: fc.constant('spend' as const), v: fc.nat(2), amount: fc.integer({ min: 1, max: 60_000 }) }),
  fc.record({ op: fc.constant('refund' as const), v: fc.nat(2), pick: fc.nat(20) }),
);

describe('received = used + balance + refunded, for every village', () => {
  it('holds after random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const villages = [await h.village(t), await h.village(t), await h.village(t)];
        const model = villages.map(() => ({
          received: 0,
          used: 0,
          refunded: 0,
          goods: 0,
          cashDonations: [] as { id: string; amount: number; refunded: boolean }[],
        }));
        for (const o of ops) {
          const m = model[o.v];
          const villageId = villages[o.v];
          if (o.op === 'cash' || o.op === 'goods') {
            const res = await h.call('POST', '/api/donations', {
              token: t.bureau,
              body: { villageId, kind: o.op, amountFen: o.amount, donorName: '甲', donorType: 'person', ...(o.op === 'goods' ? { description: '物资' } : {}) },
            });
            expect(res.status).toBe(201);
            if (o.op === 'cash') {
              m.received += o.amount;
              m.cashDonations.push({ id: res.body.id, amount: o.amount, refunded: false });
            } else m.goods += o.amount;
          } else if (o.op === 'spend') {
            const res = await h.call('POST', '/api/expenditures', {
              token: t.bureau,
              body: { villageId, amountFen: o.amount, purpose: '用途', date: '2026-06-01' },
            });
            const balance = m.received - m.used - m.refunded;
            expect(res.status).toBe(o.amount <= balance ? 201 : 409);
            if (res.status === 201) m.used += o.amount;
          } else {
            const d = m.cashDonations[o.pick % Math.max(1, m.cashDonations.length)];
            if (!d) continue;
            const res = await h.call('POST', `/api/donations/${d.id}/refund`, { token: t.bureau, body: {} });
            const balance = m.received - m.used - m.refunded;
            const expected = !d.refunded && d.amount <= balance ? 200 : 409;
            expect(res.status).toBe(expected);
            if (res.status === 200) {
              d.refunded = true;
              m.refunded += d.amount;
            }
          }
        }
        for (const [i, vid] of villages.entries()) {
          const f = await h.get(t.bureau, `/api/villages/${vid}/funds`);
          const m = model[i];
          expect(f.cashReceivedFen).toBe(f.cashUsedFen + f.balanceFen + f.refundedFen);
          expect(f.balanceFen).toBeGreaterThanOrEqual(0);
          expect(f).toMatchObject({ cashReceivedFen: m.received, cashUsedFen: m.used, refundedFen: m.refunded, goodsFen: m.goods });
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
