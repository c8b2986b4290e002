import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en/index.js';
import { formatList, langOf, quantityText, unitWord, type UnitWords } from '../../web/src/lib/format-list.js';

// Issue 16: no "、" and no bare Chinese unit inside an English sentence ("1 棵 available").
const words = (en as unknown as { unitWords: UnitWords }).unitWords;

describe('lists in the reader’s language', () => {
  it('Chinese 、, English ", "', () => {
    expect(formatList(['2026-06-08', '2026-06-01'], 'zh')).toBe('2026-06-08、2026-06-01');
    expect(formatList(['2026-06-08', '2026-06-01'], 'en')).toBe('2026-06-08, 2026-06-01');
    expect(formatList(['一'], 'en')).toBe('一');
    expect(formatList([], 'en')).toBe('');
    expect(langOf('en-US')).toBe('en');
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf(undefined)).toBe('zh');
  });
});

describe('listing units', () => {
  it('English says the common units in words, singular and plural; Chinese keeps the unit', () => {
    expect(quantityText(1, '棵', 'en', words)).toBe('1 tree');
    expect(quantityText(3, '箱', 'en', words)).toBe('3 cases');
    expect(quantityText(2, '公斤', 'en', words)).toBe('2 kg');
    expect(quantityText(5, '斤', 'en', words)).toBe('5 jin');
    for (const u of ['斤', '公斤', '箱', '棵', '盒', '袋', '份', '瓶']) expect(unitWord(u, 'en', words)).toMatch(/^[a-z]+$/);
    expect(quantityText(1, '棵', 'zh', words)).toBe('1棵');
    expect(unitWord('棵', 'zh', words)).toBe('棵');
  });

  it('a unit with a size: its words translated, the count kept apart', () => {
    expect(quantityText(1, '5 公斤/箱', 'en', words)).toBe('1 × 5 kg/case');
    expect(quantityText(2, '500克/袋', 'en', words)).toBe('2 × 500g/bag');
    expect(quantityText(1, '5 公斤/箱', 'zh', words)).toBe('1 份（5 公斤/箱）');
  });

  it('an unknown unit falls back to the raw unit, separated by a space; without words, the raw unit', () => {
    expect(quantityText(4, '只', 'en', words)).toBe('4 只');
    expect(quantityText(4, ' 只 ', 'en', undefined)).toBe('4 只');
    expect(quantityText(4, '', 'en', words)).toBe('4');
    expect(unitWord('棵', 'en', undefined)).toBe('棵');
  });
});
