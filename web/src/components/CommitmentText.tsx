import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '../../../shared/schemas/pairings';
import { Money } from './Money';

/** 帮扶承诺 in one line: money, goods, jobs, projects. */
export function CommitmentText({ commitment }: { commitment: Commitment | null }) {
  const { t } = useTranslation();
  if (!commitment || Object.values(commitment).every((v) => v === undefined || v === null || v === '')) {
    return <span className="muted">{t('commitment.none')}</span>;
  }
  return (
    <Space orientation="vertical" size={2}>
      {commitment.moneyFen !== undefined && (
        <span>
          {t('commitment.money')} <Money fen={commitment.moneyFen} />
        </span>
      )}
      {commitment.goodsFen !== undefined && (
        <span>
          {t('commitment.goods')} <Money fen={commitment.goodsFen} />
        </span>
      )}
      {commitment.jobs !== undefined && <span>{t('commitment.jobsN', { n: commitment.jobs })}</span>}
      {commitment.projects && <span>{t('commitment.projectsIs', { text: commitment.projects })}</span>}
      {commitment.note && <span className="muted">{commitment.note}</span>}
    </Space>
  );
}
