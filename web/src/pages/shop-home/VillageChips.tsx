import { EnvironmentOutlined } from '../../shop/components/icons';
import { useTranslation } from 'react-i18next';

export type VillageChip = { id: string; name: string; township: string };

/** 全部村庄 plus each village, as a row of big chips that scrolls sideways. */
export function VillageChips({
  villages,
  value,
  onChange,
}: {
  villages: VillageChip[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const { t } = useTranslation();
  // the row keeps its height before the listings name any village (no layout shift when they do)
  return (
    <div className="shop-chips" role="radiogroup" aria-label={t('shop.home.villageFilter')} data-testid="village-chips">
      <EnvironmentOutlined className="shop-chips-icon" />
      <button type="button" role="radio" aria-checked={!value} className={`shop-chip${!value ? ' active' : ''}`} onClick={() => onChange(undefined)}>
        {t('shop.home.allVillages')}
      </button>
      {villages.map((v) => (
        <button
          key={v.id}
          type="button"
          role="radio"
          aria-checked={value === v.id}
          className={`shop-chip${value === v.id ? ' active' : ''}`}
          onClick={() => onChange(value === v.id ? undefined : v.id)}
        >
          {v.name}
        </button>
      ))}
    </div>
  );
}
