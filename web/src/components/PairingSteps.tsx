import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../shared/schemas/pairings';

type Life = Pick<Pairing, 'status' | 'createdAt' | 'startDate' | 'endDate' | 'updatedAt' | 'reason'>;

const day = (iso: string) => iso.slice(0, 10);

/** A pairing's life: 提交认领 → 审核生效 → 结束, or 提交认领 → 驳回. */
export function PairingSteps({ pairing }: { pairing: Life }) {
  const { t } = useTranslation();
  const claimed = { title: t('steps.claimed'), content: day(pairing.createdAt) };
  if (pairing.status === 'rejected') {
    return (
      <Steps
        size="small"
        current={1}
        status="error"
        data-testid="pairing-steps"
        items={[claimed, { title: t('steps.rejected'), content: pairing.reason || day(pairing.updatedAt) }]}
      />
    );
  }
  const items = [
    claimed,
    { title: t('steps.active'), content: pairing.startDate ?? t('steps.awaitingReview') },
    { title: t('steps.ended'), content: pairing.endDate ?? undefined },
  ];
  const [current, status] =
    pairing.status === 'pending' ? ([1, 'process'] as const) : pairing.status === 'active' ? ([1, 'finish'] as const) : ([2, 'finish'] as const);
  return <Steps size="small" current={current} status={status} items={items} data-testid="pairing-steps" />;
}
