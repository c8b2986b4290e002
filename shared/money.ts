import { z } from 'zod';

/** Money is integer fen (分), CNY, everywhere; a float never holds money. */
export const Fen = z
  .number({ error: '金额必须是数字（单位：分）' })
  .int({ error: '金额必须是整数分' })
  .nonnegative({ error: '金额不能为负数' })
  .max(1_000_000_000_00, { error: '金额过大' });
export type Fen = z.infer<typeof Fen>;

/** ¥1,234.50 from 123450 fen, for display only. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}
