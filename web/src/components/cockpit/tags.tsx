import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NeedStatus } from '../../../../shared/schemas/needs';
import type { Timeliness } from '../../../../shared/schemas/reports';

export type ReportState = Timeliness | 'draft';

export const TIMELINESS_COLORS: Record<ReportState, string> = { onTime: 'green', late: 'orange', missing: 'red', pending: 'default', draft: 'blue' };

/** 按时 / 迟报 / 缺报 / 未到期 / 草稿 */
export function TimelinessTag({ state }: { state: ReportState }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIMELINESS_COLORS[state]} data-testid="timeliness" data-state={state}>
      {t(`timeliness.${state}`)}
    </Tag>
  );
}

const NEED_COLORS: Record<NeedStatus, string> = { open: 'red', pledged: 'gold', met: 'green', withdrawn: 'default' };

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={NEED_COLORS[status]} data-testid="need-status">
      {t(`needStatus.${status}`)}
    </Tag>
  );
}
