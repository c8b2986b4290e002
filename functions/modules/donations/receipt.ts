import { capitalNumerals } from '../../../shared/capital-numerals.js';
import { dateInZone } from '../../../shared/dates.js';
import type { Tenant } from '../../../shared/schemas/identity.js';
import { formatFen } from '../../../shared/money.js';
import { AppError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { getTenant } from '../tenant/store.js';
import { getDonationForReceipt } from './service.js';
import type { DonationRecord } from './store.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STATUS_TEXT: Record<DonationRecord['status'], string> = {
  pending_payment: '待支付（支付确认后生效）',
  pending: '待民政局确认',
  confirmed: '已确认',
  rejected: '未获确认',
  expired: '未支付（已失效）',
  refunded: '已退回',
};

/** The receipt page's one script (its print button), served by functions/http/page-scripts.ts from this path. */
export const RECEIPT_SCRIPT_PATH = '/api/public/receipt-print.js';

/**
 * The printable receipt (捐赠收据): serial number, tenant, village, the amount as ¥ and in capital
 * numerals, the date in the tenant's time zone. An anonymous donor's name is printed only for the
 * bureau (showDonor); the donor's own copy says 匿名 when the donor asked for it.
 */
export function receiptHtml(d: DonationRecord, tenant: Pick<Tenant, 'name' | 'region' | 'timeZone'>, opts: { showDonor: boolean }): string {
  const donor = d.anonymous && !opts.showDonor ? '匿名' : (d.donorName ?? '匿名');
  const when = d.confirmedAt ? dateInZone(new Date(d.confirmedAt), tenant.timeZone) : d.date;
  const [y, m, day] = when.split('-');
  const kind = d.kind === 'cash' ? '现金' : `实物（估价）${d.description ? `：${d.description}` : ''}`;
  const rows: [string, string][] = [
    ['收据编号', d.serialNo ?? '—'],
    ['捐赠方', donor + (d.anonymous && opts.showDonor ? '（匿名捐赠）' : '')],
    ['受赠村', d.villageName],
    ['捐赠类型', kind],
    ['金额（小写）', formatFen(d.amountFen)],
    ['金额（大写）', `人民币${capitalNumerals(d.amountFen)}`],
    ['日期', `${y}年${m}月${day}日`],
    ['状态', STATUS_TEXT[d.status]],
  ];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>捐赠收据 ${esc(d.serialNo ?? '')}</title>
<style>
  body { font-family: "Songti SC", "SimSun", serif; margin: 0; padding: 24px; background: #f5f5f5; color: #222; }
  .receipt { max-width: 640px; margin: 0 auto; background: #fff; border: 2px solid #b22; padding: 32px; }
  h1 { text-align: center; color: #b22; letter-spacing: 0.5em; margin: 0 0 4px; font-size: 26px; }
  .issuer { text-align: center; margin-bottom: 24px; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #999; padding: 8px 12px; text-align: left; font-size: 15px; }
  th { width: 8em; background: #faf3f3; font-weight: normal; }
  .amount { font-size: 18px; font-weight: bold; }
  .foot { margin-top: 24px; display: flex; justify-content: space-between; font-size: 14px; }
  .actions { text-align: center; margin-top: 16px; }
  @media print {
    @page { size: A5 landscape; margin: 10mm; }
    body { background: #fff; padding: 0; }
    .receipt { border-width: 1px; }
    .actions { display: none; }
  }
</style>
</head>
<body>
<main class="receipt" data-serial="${esc(d.serialNo ?? '')}" data-status="${d.status}">
  <h1>捐赠收据</h1>
  <div class="issuer">${esc(tenant.name)} · ${esc(tenant.region)}</div>
  <table>
${rows.map(([k, v]) => `    <tr><th>${esc(k)}</th><td${k.startsWith('金额') ? ' class="amount"' : ''}>${esc(v)}</td></tr>`).join('\n')}
  </table>
  <div class="foot"><span>开具单位：${esc(tenant.name)}</span><span>感谢您对乡村振兴的支持！</span></div>
  <div class="actions"><button type="button" data-print>打印收据</button></div>
  <script src="${RECEIPT_SCRIPT_PATH}"></script>
</main>
</body>
</html>
`;
}

/** The bureau's copy of a confirmed donation's receipt (with the donor's name). */
export async function bureauReceiptHtml(ctx: ServiceContext, id: string): Promise<string> {
  const [d, tenant] = await Promise.all([getDonationForReceipt(ctx, id), getTenant(ctx.store)]);
  if (!tenant) throw AppError.notFound('租户');
  return receiptHtml(d, tenant, { showDonor: true });
}
