import { Checkbox, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VillageFilters as Filters } from '../api/villages';

/** 挂牌督战, 未覆盖 and a name search; the page keeps them in the address. */
export function VillageFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={12} align="center" className="filter-bar">
      <Input.Search
        allowClear
        defaultValue={value.q}
        placeholder={t('villages.searchPlaceholder')}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        style={{ maxWidth: 280 }}
        data-testid="village-search"
      />
      <Checkbox
        checked={!!value.supervised}
        onChange={(e) => onChange({ ...value, supervised: e.target.checked || undefined })}
        data-testid="filter-supervised"
      >
        {t('villages.filterSupervised')}
      </Checkbox>
      <Checkbox checked={!!value.uncovered} onChange={(e) => onChange({ ...value, uncovered: e.target.checked || undefined })} data-testid="filter-uncovered">
        {t('villages.filterUncovered')}
      </Checkbox>
    </Flex>
  );
}
