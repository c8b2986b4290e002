/**
 * An amount in fen written in Chinese capital numerals (大写金额) as on a receipt or cheque:
 * 1200000 → 壹万贰仟元整, 10000 → 壹佰元整, 0 → 零元整, 10000005 → 拾万元零伍分.
 * Rules (支付结算办法): zeros inside the number are read once (壹万零伍元); a leading 壹拾 is read 拾;
 * 整 follows 元 or 角 when nothing smaller follows; 零 stands between 元 and 分 when 角 is zero.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

function groupOf(n: number): string {
  // 0 < n < 10000; zeros read once, trailing zeros dropped
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + SMALL_UNITS[pos];
  }
  return out;
}

function yuanOf(yuan: number): string {
  const groups: number[] = [];
  for (let n = yuan; n > 0; n = Math.floor(n / 10000)) groups.push(n % 10000);
  let out = '';
  let zeroPending = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      if (out) zeroPending = true;
      continue;
    }
    // a group below 1000 after a higher one starts with a zero: 壹万零伍
    if (out && (zeroPending || g < 1000)) out += '零';
    zeroPending = false;
    out += groupOf(g) + GROUP_UNITS[i];
  }
  return out.startsWith('壹拾') ? out.slice(1) : out;
}

export function capitalNumerals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('amount must be a non-negative integer of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${yuanOf(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  else out += '整';
  return out;
}
