import type { stream } from 'exceljs';
import type { ServiceContext } from '../context.js';
import { listPayouts } from '../settlements/payouts.js';
import { monthSettlements } from '../settlements/service.js';
import { eachItem, sheet, Totals, type Column } from './sheets.js';

const t = (header: string, key: string, width?: number): Column => ({ header, key, kind: 'text', width });
const y = (header: string, key: string): Column => ({ header, key, kind: 'yuan' });
const n = (header: string, key: string): Column => ({ header, key, kind: 'int' });
/** (a function, not a module-level call: nothing of this module may run in the api bundle) */
const figures = () => [y('销售额（元）', 'grossFen'), y('退款（元）', 'refundsFen'), y('支付手续费（元）', 'feesFen'), y('应结（元）', 'payableFen')];
const METHOD = { bank_transfer: '银行转账', stripe_transfer: 'Stripe 转账' } as const;

/**
 * A month's settlement statement (结算单) as a workbook: the sellers the caller may see (an
 * org_member its own, the bureau all or one), their villages, and the payouts of the month —
 * the figures of GET /api/settlements and GET /api/payouts, to the fen.
 */
export async function writeSettlementStatement(wb: stream.xlsx.WorkbookWriter, ctx: ServiceContext, month: string, organizationId?: string): Promise<void> {
  const statement = await monthSettlements(ctx, month, organizationId);
  let s = sheet(wb, '结算', [
    t('销售单位', 'organizationName', 28),
    n('订单数', 'orders'),
    ...figures(),
    y('已付（元）', 'paidOutFen'),
    y('未付（元）', 'owedFen'),
  ]);
  for (const row of statement.items) s.add(row);
  s.total('合计', statement.totals);
  await s.commit();

  s = sheet(wb, '村庄明细', [t('销售单位', 'organizationName', 28), t('村庄', 'villageName'), n('订单数', 'orders'), ...figures()]);
  const tot = new Totals();
  for (const seller of statement.items) {
    for (const v of seller.villages) {
      const row = { organizationName: seller.organizationName, ...v };
      s.add(row);
      tot.add(row, ['orders', 'grossFen', 'refundsFen', 'feesFen', 'payableFen']);
    }
  }
  s.total('合计', tot.sums);
  await s.commit();

  s = sheet(wb, '付款', [
    t('付款日期', 'date', 12),
    t('收款单位', 'organizationName', 28),
    y('金额（元）', 'amountFen'),
    t('方式', 'method', 12),
    t('凭证号', 'reference', 24),
    t('备注', 'note', 30),
  ]);
  const paid = new Totals();
  const ids = new Set(statement.items.map((i) => i.organizationId));
  const q = { month, ...(ctx.caller.role === 'bureau_admin' && organizationId ? { organizationId } : {}) };
  for await (const p of eachItem((cursor) => listPayouts(ctx, { ...q, limit: 100, cursor }))) {
    if (!ids.has(p.organizationId) && organizationId) continue;
    const row = { ...p, method: METHOD[p.method] };
    s.add(row);
    paid.add(row, ['amountFen']);
  }
  s.total('合计', paid.sums);
  await s.commit();
}
