import { useTranslation } from 'react-i18next';

/**
 * Lists and listing units in the reader's language. A Chinese list reads 甲、乙、丙; an English one
 * "a, b, c" — never "、" inside an English sentence. A listing's unit is data (the seller types it);
 * in English the common Chinese units are said in words ("1 tree", "3 cases", "5 kg/case"), any
 * other unit is shown as it is, separated by a space.
 */
export type Lang = 'zh' | 'en';
export const langOf = (language: string | undefined): Lang => (language?.startsWith('en') ? 'en' : 'zh');

export function formatList(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

/** The common Chinese units and their keys under `unitWords` in the translations (longest first: 公斤 before 斤). */
export const UNIT_KEYS = {
  公斤: 'kg',
  千克: 'kg',
  克: 'g',
  斤: 'jin',
  箱: 'case',
  棵: 'tree',
  盒: 'box',
  袋: 'bag',
  份: 'portion',
  瓶: 'bottle',
  个: 'piece',
  头: 'head',
  亩: 'mu',
} as const;
export type UnitKey = (typeof UNIT_KEYS)[keyof typeof UNIT_KEYS];
export type UnitWords = Record<UnitKey, { one: string; other: string }>;

const TOKEN = new RegExp(Object.keys(UNIT_KEYS).join('|'), 'g');
const keyOf = (u: string): UnitKey | undefined => (UNIT_KEYS as Record<string, UnitKey>)[u];

/** A unit on its own (after a price: "/tree"), or for `n` of it: the unit itself in Chinese; in English the word, else the unit unchanged. */
export function unitWord(unit: string, lang: Lang, words: UnitWords | undefined, n = 1): string {
  const u = unit.trim();
  if (lang === 'zh' || !words) return u;
  const key = keyOf(u);
  if (key) return words[key][n === 1 ? 'one' : 'other'];
  // a unit with a size, 5 公斤/箱 → 5 kg/case; other Chinese words stay as they are
  return u.replace(TOKEN, (m) => words[keyOf(m)!].one);
}

/** n of a unit: 3箱 / 1 份（5 公斤/箱） in Chinese; "3 cases" / "1 × 5 kg/case" / "2 只" in English. */
export function quantityText(n: number, unit: string, lang: Lang, words: UnitWords | undefined): string {
  const u = unit.trim();
  if (!u) return String(n);
  const sized = /^\d/.test(u);
  if (lang === 'zh') return sized ? `${n} 份（${u}）` : `${n}${u}`;
  return sized ? `${n} × ${unitWord(u, lang, words)}` : `${n} ${unitWord(u, lang, words, n)}`;
}

/** The helpers bound to the current language and its unit words. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const words = lang === 'en' ? (t('unitWords', { returnObjects: true }) as unknown as UnitWords) : undefined;
  const ok = !!words && typeof words === 'object';
  return {
    lang,
    list: (items: readonly string[]) => formatList(items, lang),
    unit: (unit: string, n = 1) => unitWord(unit, lang, ok ? words : undefined, n),
    qty: (n: number, unit: string) => quantityText(n, unit, lang, ok ? words : undefined),
  };
}
