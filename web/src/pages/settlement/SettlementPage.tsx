import { Card, Result, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Settlement } from '../../../../shared/schemas/settlements';
import { usePayouts, useSettlements } from '../../api/settlements';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { DownloadStatement } from '../../components/settlement/DownloadStatement';
import { monthLabel } from '../../components/settlement/month-label';
import { MonthOrders } from '../../components/settlement/MonthOrders';
import { MonthPicker } from '../../components/settlement/MonthPicker';
import { PayoutTable } from '../../components/settlement/PayoutTable';
import { StatementCards } from '../../components/settlement/StatementCards';
import { useSettlementMonth } from '../../components/settlement/use-month';
import { VillageFigures } from '../../components/settlement/VillageFigures';

/** Nothing sold, given back or paid out that month. */
const isQuiet = (s: Settlement | undefined) => !s || (s.orders === 0 && s.grossFen === 0 && s.refundsFen === 0 && s.paidOutFen === 0 && s.owedFen === 0);

/**
 * 结算 for a selling organization: its month's statement (gross − refunds − fees = payable = paid
 * out + owed), per village, the payouts the bureau made to it, and the statement as a workbook.
 */
export default function SettlementPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { month, thisMonth, setMonth } = useSettlementMonth();
  const statement = useSettlements(month);
  const payouts = usePayouts({ month });
  const mine = statement.data?.items.find((s) => s.organizationId === me.organizationId) ?? statement.data?.items[0];
  const label = monthLabel(t, month);

  return (
    <>
      <PageHeader
        title={t('settlement.title')}
        subtitle={t('settlement.subtitleOrg')}
        extra={
          <Space wrap>
            <MonthPicker month={month} thisMonth={thisMonth} onChange={setMonth} />
            <DownloadStatement month={month} />
          </Space>
        }
      />
      {statement.isError ? (
        <ErrorResult error={statement.error} onRetry={() => void statement.refetch()} />
      ) : statement.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <div className="card-stack">
          {isQuiet(mine) ? (
            <Card data-testid="settlement-empty">
              <Result status="info" title={t('settlement.emptyTitle', { month: label })} subTitle={t('settlement.emptyOrg')} />
            </Card>
          ) : (
            <>
              <Card title={t('settlement.statementTitle', { month: label, name: mine!.organizationName })} data-testid="my-settlement">
                <StatementCards figures={mine!} />
              </Card>
              <Card title={t('settlement.byVillage')}>
                <VillageFigures villages={mine!.villages} />
              </Card>
              <Card title={t('settlement.monthOrdersTitle', { month: label })}>
                <MonthOrders month={month} />
              </Card>
            </>
          )}
          {(!isQuiet(mine) || payouts.items.length > 0) && (
            <Card title={t('settlement.receivedTitle', { month: label })}>
              {payouts.isError ? (
                <ErrorResult error={payouts.error} onRetry={() => void payouts.refetch()} />
              ) : (
                <>
                  <PayoutTable payouts={payouts.items} loading={payouts.isPending} bureau={false} />
                  {payouts.hasNextPage && (
                    <LoadMore hasMore loading={payouts.isFetchingNextPage} onMore={() => void payouts.fetchNextPage()} shown={payouts.items.length} />
                  )}
                </>
              )}
            </Card>
          )}
        </div>
      )}
    </>
  );
}
