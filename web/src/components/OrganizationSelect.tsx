import { Select } from 'antd';
import { useOrganizationNames } from '../api/organizations';

/** An organization picked by name (searchable), from the tenant's first 100. */
export function OrganizationSelect({
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
  const names = useOrganizationNames(true);
  const options = [...(names.data ?? new Map<string, string>()).entries()]
    .map(([v, label]) => ({ value: v, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      loading={names.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      data-testid="organization-select"
    />
  );
}
