import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../shared/money.js';

// One payment fee shared among an order's parcels (settlement): to the fen, nothing lost or made.

describe('allocate', () => {
  it('shares add up to the total, each within a fen of its exact proportion', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 99_999_999 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const shares = allocate(total, weights);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
          const sum = weights.reduce((s, w) => s + w, 0);
          shares.forEach((x, i) => {
            expect(Number.isInteger(x)).toBe(true);
            expect(Math.abs(x - (total * weights[i]) / sum)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it('gives the odd fen to the largest remainders, the earlier on a tie', () => {
    expect(allocate(173, [1000, 3000, 1000])).toEqual([35, 104, 34]);
    expect(allocate(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(allocate(60, [2000, 2500, 1500])).toEqual([20, 25, 15]);
    expect(allocate(5, [0, 0])).toEqual([5, 0]);
    expect(allocate(5, [])).toEqual([]);
  });
});
