import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCE_CATEGORIES } from '../../../../shared/produce-kinds';

export const ALL_CATEGORIES = 'all';

/**
 * The category filter: a row of buttons that scrolls sideways, the chosen one underlined in red and
 * kept in view. Plain buttons with aria-pressed (a filter, not a tab panel), so the first load
 * carries neither antd-mobile's Tabs nor the animation library it brings.
 */
export function CategoryTabs({ value, onChange }: { value: string; onChange: (category: string) => void }) {
  const { t } = useTranslation();
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const active = row.current?.querySelector<HTMLElement>('[aria-pressed="true"]');
    const box = row.current;
    if (!active || !box) return;
    // centre the chosen category without scrolling the page itself
    box.scrollLeft = active.offsetLeft - (box.clientWidth - active.offsetWidth) / 2;
  }, [value]);
  return (
    <div className="shop-category-tabs" ref={row} role="group" aria-label={t('shop.home.categoryFilter')} data-testid="category-tabs">
      {([ALL_CATEGORIES, ...PRODUCE_CATEGORIES] as const).map((c) => (
        <button key={c} type="button" className="shop-category-tab" aria-pressed={c === value} data-category={c} onClick={() => onChange(c)}>
          {c === ALL_CATEGORIES ? t('shop.home.allCategories') : t(`produceCategory.${c}`)}
        </button>
      ))}
    </div>
  );
}
