import { Alert, Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import type { Settlement } from '../../../../shared/schemas/settlements';
import { usePayouts, useSettlements } from '../../api/settlements';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { DownloadStatement } from '../../components/settlement/DownloadStatement';
import { monthLabel } from '../../components/settlement/month-label';
import { MonthPicker } from '../../components/settlement/MonthPicker';
import { PayoutTable } from '../../components/settlement/PayoutTable';
import { useSettlementMonth } from '../../components/settlement/use-month';
import { useTenantToday } from '../../lib/use-tenant-today';
import { PayoutModal } from './PayoutModal';
import { SellerTable } from './SellerTable';

/**
 * 结算 for the bureau: every seller's month (its own listings included), what is still owed, paying
 * an organization out (bank transfer or Stripe), and the month's payouts with their slips.
 */
export default function SettlementsPage() {
  const { t } = useTranslation();
  const today = useTenantToday();
  const { month, thisMonth, setMonth } = useSettlementMonth();
  const settlements = useSettlements(month);
  const payouts = usePayouts({ month });
  const [paying, setPaying] = useState<Settlement | null>(null);
  const label = monthLabel(t, month);
  const due = (settlements.data?.items ?? []).filter((s) => s.organizationId !== null && s.owedFen > 0);

  return (
    <>
      <PageHeader
        title={t('settlement.titleBureau')}
        subtitle={t('settlement.subtitleBureau')}
        extra={
          <Space wrap>
            <MonthPicker month={month} thisMonth={thisMonth} onChange={setMonth} />
            <DownloadStatement month={month} />
          </Space>
        }
      />
      {settlements.isError ? (
        <ErrorResult error={settlements.error} onRetry={() => void settlements.refetch()} />
      ) : (
        <>
          {settlements.data && settlements.data.items.length > 0 && (
            <Alert
              className="page-alert"
              type={due.length > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="settlement-due"
              title={
                due.length > 0
                  ? t('settlement.dueSummary', { month: label, n: due.length, amount: formatFen(due.reduce((s, x) => s + x.owedFen, 0)) })
                  : t('settlement.allSettled', { month: label })
              }
              description={t('settlement.formula')}
            />
          )}
          <Card title={t('settlement.sellersTitle', { month: label })} className="table-card">
            <SellerTable data={settlements.data} loading={settlements.isPending} onPay={setPaying} />
          </Card>
        </>
      )}
      <Card title={t('settlement.payoutsTitle', { month: label })} className="table-card">
        {payouts.isError ? (
          <ErrorResult error={payouts.error} onRetry={() => void payouts.refetch()} />
        ) : (
          <>
            <PayoutTable payouts={payouts.items} loading={payouts.isPending} bureau />
            {payouts.hasNextPage && (
              <LoadMore hasMore loading={payouts.isFetchingNextPage} onMore={() => void payouts.fetchNextPage()} shown={payouts.items.length} />
            )}
          </>
        )}
      </Card>
      <PayoutModal seller={paying} month={month} today={today} onClose={() => setPaying(null)} />
    </>
  );
}
