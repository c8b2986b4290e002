import { ClockCircleOutlined, ExclamationCircleOutlined, HistoryOutlined } from '@ant-design/icons';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Flag } from './queries';

/** Rule flags in words: uncovered supervised villages, open gaps (断档) and past gaps. */
export function FlagsCard({ flags }: { flags: Flag[] }) {
  const { t } = useTranslation();
  const say = (f: Flag) => {
    switch (f.kind) {
      case 'uncovered_supervised':
        return { icon: <ExclamationCircleOutlined className="danger-icon" />, text: t('flags.uncovered', { village: f.villageName, township: f.township }) };
      case 'pairing_gap_open':
        return { icon: <ClockCircleOutlined className="warn-icon" />, text: t('flags.gapOpen', { village: f.villageName, endedOn: f.endedOn, days: f.days }) };
      case 'pairing_gap':
        return {
          icon: <HistoryOutlined className="muted" />,
          text: t('flags.gap', { village: f.villageName, endedOn: f.endedOn, resumedOn: f.resumedOn, days: f.days }),
        };
      default:
        return { icon: <ExclamationCircleOutlined />, text: t('flags.unknown') };
    }
  };
  return (
    <Card title={t('dashboard.flagsTitle')} className="fill-card" data-testid="flags">
      {flags.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noFlags')} />
      ) : (
        <ul className="plain-list">
          {flags.map((f, i) => {
            const { icon, text } = say(f);
            return (
              <li key={`${f.kind}-${f.villageId}-${i}`} className="flag-line" data-testid="flag">
                {icon} {text}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
