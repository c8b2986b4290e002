import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';

/** "All" plus each status, as a segmented control that scrolls sideways on a phone. */
export function StatusFilter<S extends string>({
  statuses,
  value,
  onChange,
  label,
}: {
  statuses: readonly S[];
  value: S | undefined;
  onChange: (s: S | undefined) => void;
  label: (s: S) => string;
}) {
  const { t } = useTranslation();
  const ALL = '__all__';
  return (
    <div className="segmented-scroll">
      <Segmented<string>
        value={value ?? ALL}
        onChange={(v) => onChange(v === ALL ? undefined : (v as S))}
        options={[{ value: ALL, label: t('common.all') }, ...statuses.map((s) => ({ value: s, label: label(s) }))]}
        data-testid="status-filter"
      />
    </div>
  );
}
