/**
 * A count of a listing's units in words: "3箱", but "1 份（5 公斤/箱）" for a unit that starts with a
 * number — never "15 公斤/箱" for one box of 5 kg. English: "3 箱", "1 × 5 公斤/箱".
 */
export function quantityWithUnit(n: number, unit: string, lang: 'zh' | 'en' = 'zh'): string {
  const u = unit.trim();
  if (!u) return String(n);
  const numeric = /^\d/.test(u);
  if (lang === 'en') return numeric ? `${n} × ${u}` : `${n} ${u}`;
  return numeric ? `${n} 份（${u}）` : `${n}${u}`;
}
