/** Fen as people read them, and fen shared out without loss: no zod, so a public page can use them. */

/** ¥1,234.50 from 123450 fen, for display only. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/**
 * `totalFen` split over `weights` in proportion, to the fen, with nothing lost: each share is
 * rounded down and the fen left over go one each to the largest remainders (the earlier on a tie).
 * All weights 0: all to the first. Used to share one payment fee among an order's parcels.
 */
export function allocate(totalFen: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? totalFen : 0));
  const shares = weights.map((w) => Math.floor((totalFen * w) / sum));
  let left = totalFen - shares.reduce((s, x) => s + x, 0);
  const order = weights.map((w, i) => ({ i, rem: (totalFen * w) % sum })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) shares[order[k].i] += 1;
  return shares;
}
