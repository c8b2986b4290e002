import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, creditCodeProblem, isValidCreditCode, withCheckChar } from '../../shared/credit-code.js';

// GB 32100-2015: 18 characters from a 31-character set; the 18th is a check character.

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
const prefix17 = fc.string({ unit: charsetChar, minLength: 17, maxLength: 17 });

describe('credit-code check character', () => {
  it('every 17-character prefix from the set, completed with its computed check character, is valid', () => {
    fc.assert(
      fc.property(prefix17, (p) => {
        const check = creditCodeCheckChar(p);
        expect(check).not.toBeNull();
        expect(CREDIT_CODE_CHARSET).toContain(check);
        expect(isValidCreditCode(p + check)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('any other check character makes the code invalid', () => {
    fc.assert(
      fc.property(prefix17, charsetChar, (p, other) => {
        const code = withCheckChar(p);
        fc.pre(other !== code[17]);
        expect(creditCodeProblem(p + other)).toBe('check');
      }),
      { numRuns: 500 },
    );
  });

  it('changing any one of the first 17 characters makes the code invalid', () => {
    fc.assert(
      fc.property(prefix17, fc.nat({ max: 16 }), charsetChar, (p, i, ch) => {
        const code = withCheckChar(p);
        fc.pre(ch !== code[i]);
        expect(isValidCreditCode(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('credit-code examples', () => {
  it.each(['91350100M000100Y43', '9144030071526726XG', '914403001922038216', '91330100716105852F', '91110000600037341L', '12100000400000624D'])(
    'the published code %s is valid',
    (code) => {
      expect(creditCodeProblem(code)).toBeNull();
    },
  );

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['', 'length'],
    ['91350100M000100Y4O', 'charset'],
    ['91350100I000100Y43', 'charset'],
    ['91350100m000100y43', 'charset'],
    ['91350100M000100Y44', 'check'],
    ['91350100M000100Y34', 'check'],
  ])('%s has a %s problem', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('has no check character for a prefix of the wrong length or with a character outside the set', () => {
    expect(creditCodeCheckChar('9135010000000100')).toBeNull();
    expect(creditCodeCheckChar('91350100S00010000')).toBeNull();
    expect(() => withCheckChar('91350100V00010000')).toThrow();
  });

  it('the set has 31 characters and leaves out I, O, Z, S and V', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    for (const ch of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(ch);
  });
});
