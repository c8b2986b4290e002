import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api, call } from '../api/client';

/** A village picked by name (searchable), from the tenant's first 100 villages. */
export function VillageSelect({
  value,
  onChange,
  allowClear,
  placeholder,
  style,
  id,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}) {
  const villages = useQuery({ queryKey: ['villages', 'select'], queryFn: () => call(api.villages.$get({ query: { limit: '100' } })), staleTime: 60_000 });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      loading={villages.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.township}）` }))}
      data-testid="village-select"
    />
  );
}
