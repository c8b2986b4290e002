import {
  AuditOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  HistoryOutlined,
  StopOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Card, Empty, Segmented } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Flag } from './queries';

type Said = { icon: ReactNode; text: string; to?: string; action?: string; group: 'villages' | 'reports' | 'orgs' };

const GROUPS = ['all', 'villages', 'reports', 'orgs'] as const;
/** Flags shown before "show all": the uncovered villages come first, so they are always in view. */
const FIRST = 8;

/** Rule flags in words, each with a link to the record it is about. */
export function FlagsCard({ flags }: { flags: Flag[] }) {
  const { t } = useTranslation();
  const [group, setGroup] = useState<(typeof GROUPS)[number]>('all');
  const [expanded, setExpanded] = useState(false);
  const say = (f: Flag): Said => {
    switch (f.kind) {
      case 'uncovered_supervised':
        return {
          group: 'villages',
          icon: <ExclamationCircleOutlined className="danger-icon" />,
          text: t('flags.uncovered', { village: f.villageName, township: f.township }),
          to: `/pairings?claimVillage=${encodeURIComponent(f.villageId)}`,
          action: t('cockpitDash.goPair'),
        };
      case 'pairing_gap_open':
        return {
          group: 'villages',
          icon: <ClockCircleOutlined className="warn-icon" />,
          text: t('flags.gapOpen', { village: f.villageName, endedOn: f.endedOn, days: f.days }),
          to: `/villages?village=${encodeURIComponent(f.villageId)}`,
        };
      case 'pairing_gap':
        return {
          group: 'villages',
          icon: <HistoryOutlined className="muted" />,
          text: t('flags.gap', { village: f.villageName, endedOn: f.endedOn, resumedOn: f.resumedOn, days: f.days }),
          to: `/villages?village=${encodeURIComponent(f.villageId)}`,
        };
      case 'report_missing':
        return {
          group: 'reports',
          icon: <FieldTimeOutlined className="danger-icon" />,
          text: t('cflags.reportMissing', { org: f.organizationName, week: f.weekStart }),
          to: `/compliance?tab=week&week=${f.weekStart}`,
        };
      case 'report_late':
        return {
          group: 'reports',
          icon: <FieldTimeOutlined className="warn-icon" />,
          text: t('cflags.reportLate', { org: f.organizationName, week: f.weekStart }),
          to: `/compliance?tab=week&week=${f.weekStart}`,
        };
      case 'reporting_warned':
        return {
          group: 'orgs',
          icon: <WarningOutlined className="warn-icon" />,
          text: t('cflags.warned', { org: f.organizationName, n: f.missedStreak }),
          to: '/compliance?tab=grid',
        };
      case 'reporting_blocked':
        return {
          group: 'orgs',
          icon: <StopOutlined className="danger-icon" />,
          text: t('cflags.blocked', { org: f.organizationName, n: f.missedStreak }),
          to: '/compliance?tab=grid',
        };
      case 'no_visit':
        return {
          group: 'villages',
          icon: <AuditOutlined className="warn-icon" />,
          text: t('cflags.noVisit', { org: f.organizationName ?? '', village: f.villageName ?? '', quarter: f.quarter }),
          to: `/compliance?tab=visits&quarter=${f.quarter}`,
        };
      case 'over_limit':
        return {
          group: 'orgs',
          icon: <TeamOutlined className="danger-icon" />,
          text: t('cflags.overLimit', { org: f.organizationName, n: f.activePairings, limit: f.limit }),
          to: '/pairings?status=active',
        };
      default:
        return { group: 'orgs', icon: <ExclamationCircleOutlined />, text: t('flags.unknown') };
    }
  };
  const said = flags.map((f, i) => ({ f, i, s: say(f) }));
  const matching = group === 'all' ? said : said.filter((x) => x.s.group === group);
  const shown = expanded ? matching : matching.slice(0, FIRST);
  const count = (g: (typeof GROUPS)[number]) => (g === 'all' ? said.length : said.filter((x) => x.s.group === g).length);
  return (
    <Card
      title={t('dashboard.flagsTitle')}
      className="fill-card flags-card"
      data-testid="flags"
      extra={
        flags.length > 0 && (
          <Segmented
            size="small"
            value={group}
            onChange={(v) => setGroup(v as (typeof GROUPS)[number])}
            options={GROUPS.map((g) => ({ value: g, label: `${t(`flagGroups.${g}`)} ${count(g)}` }))}
          />
        )
      }
    >
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noFlags')} />
      ) : (
        <ul className="plain-list flag-list">
          {shown.map(({ f, i, s }) => (
            <li key={`${f.kind}-${i}`} className="flag-line" data-testid="flag" data-kind={f.kind}>
              <span className="flag-icon">{s.icon}</span>
              <span className="flag-text">{s.text}</span>
              {s.to && (
                <Link to={s.to} className="flag-link">
                  {s.action ?? t('cflags.open')}
                </Link>
              )}
            </li>
          ))}
          {matching.length > FIRST && (
            <li className="flag-more">
              <Button type="link" size="small" onClick={() => setExpanded((e) => !e)} data-testid="flags-more">
                {expanded ? t('flagGroups.less') : t('flagGroups.more', { n: matching.length })}
              </Button>
            </li>
          )}
        </ul>
      )}
    </Card>
  );
}
