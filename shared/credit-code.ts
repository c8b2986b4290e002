/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * set (digits and capitals without I, O, Z, S, V); the last is a check character computed from the
 * first 17 with weights 3^i mod 31.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null if any is outside the set. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[c];
}

export type CreditCodeProblem = 'length' | 'charset' | 'check';

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return 'charset';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Completes 17 characters with their check character (used by demo data and tests). */
export function withCheckChar(first17: string): string {
  const c = creditCodeCheckChar(first17);
  if (c === null) throw new Error(`not a credit-code prefix: ${first17}`);
  return first17 + c;
}
