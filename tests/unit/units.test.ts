import { describe, expect, it } from 'vitest';
import { quantityWithUnit } from '../../shared/units.js';

describe('a count of units in words', () => {
  it('glues a word unit to the count and never a numeric one', () => {
    expect(quantityWithUnit(3, '箱')).toBe('3箱');
    expect(quantityWithUnit(1, '5 公斤/箱')).toBe('1 份（5 公斤/箱）');
    expect(quantityWithUnit(0, ' 500g/瓶 ')).toBe('0 份（500g/瓶）');
    expect(quantityWithUnit(2, '')).toBe('2');
  });
  it('in English', () => {
    expect(quantityWithUnit(3, '箱', 'en')).toBe('3 箱');
    expect(quantityWithUnit(1, '5 公斤/箱', 'en')).toBe('1 × 5 公斤/箱');
  });
});
