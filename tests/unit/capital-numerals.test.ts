import { describe, expect, it } from 'vitest';
import { capitalNumerals } from '../../shared/capital-numerals.js';

describe('capital numerals of an amount in fen (大写金额)', () => {
  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [1_000, '拾元整'],
    [1_500, '拾伍元整'],
    [10_000, '壹佰元整'],
    [11_000, '壹佰壹拾元整'],
    [100_000, '壹仟元整'],
    [1_005_00, '壹仟零伍元整'],
    [1_200_000, '壹万贰仟元整'],
    [1_000_500, '壹万零伍元整'],
    [10_000_005, '拾万元零伍分'],
    [10_000_050, '拾万元伍角整'],
    [100_000_000, '壹佰万元整'],
    [100_050_000, '壹佰万零伍佰元整'],
    [10_000_000_000, '壹亿元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [12_345_678_912, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分'],
    [1_000_100, '壹万零壹元整'],
    [101_000, '壹仟零壹拾元整'],
  ])('%i fen → %s', (fen, text) => {
    expect(capitalNumerals(fen)).toBe(text);
  });

  it('refuses a negative or fractional amount', () => {
    expect(() => capitalNumerals(-1)).toThrow(RangeError);
    expect(() => capitalNumerals(1.5)).toThrow(RangeError);
  });
});
