import { z } from 'zod';

/** Money is integer fen (分), CNY, everywhere; a float never holds money. */
export const Fen = z
  .number({ error: '金额必须是数字（单位：分）' })
  .int({ error: '金额必须是整数分' })
  .nonnegative({ error: '金额不能为负数' })
  .max(1_000_000_000_00, { error: '金额过大' });
export type Fen = z.infer<typeof Fen>;

// the formatting and splitting of fen need no zod: in ./money-format, for the public pages
export { allocate, formatFen } from './money-format.js';
