import type { Donation } from '../../../shared/schemas/donations.js';
import { AppError } from '../../errors.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { notifyTx } from '../outbox/outbox.js';
import { confirmedEffectsTx, toDonation } from './service.js';
import { getDonationRecord, moveDonationTx, nextSerial, type DonationRecord } from './store.js';

/**
 * The bureau's review of a donation an org_member logged: it waits `pending`,
 * outside every figure, until the bureau confirms it — then, in ONE transaction, its status moves
 * (conditional on still being pending, so a second or concurrent confirmation is a 409 and the money
 * is counted once), the village's and the organization's counters, the tenant's and the month's
 * totals and the public list move (confirmedEffectsTx, as for any confirmed donation), the audit
 * event and the organization's notification are written. Cash needs its voucher first. A rejection
 * keeps it out of everything for good, with the reason. Served by the ledger function.
 */

const STATUS_ZH: Record<Donation['status'], string> = {
  pending_payment: '待支付',
  pending: '待确认',
  confirmed: '已确认',
  rejected: '已驳回',
  expired: '已失效',
  refunded: '已退款',
};

/** A pending donation of the caller's tenant (another tenant's id is simply not found). */
async function pendingDonation(ctx: ServiceContext, id: string, verb: string): Promise<DonationRecord> {
  const d = await getDonationRecord(ctx.store, id);
  if (!d) throw AppError.notFound('捐赠');
  if (d.status !== 'pending') throw AppError.conflict(`该捐赠${STATUS_ZH[d.status]}，不能${verb}`, { status: d.status });
  return d;
}

const moved = () => AppError.conflict('捐赠状态已变化，请刷新后重试');

export async function confirmDonation(ctx: ServiceContext, id: string): Promise<Donation> {
  const d = await pendingDonation(ctx, id, '确认');
  if (d.kind === 'cash' && !d.voucherFileId) {
    throw AppError.conflict('现金捐赠须先上传转账或收款凭证，才能确认', { reason: 'voucher_required' });
  }
  const at = ctx.now.toISOString();
  const serialNo = await nextSerial(ctx.store, d.date.slice(0, 4));
  const confirmed: DonationRecord = { ...d, status: 'confirmed', serialNo, confirmedAt: at, updatedAt: at };
  await ctx.store.transact([
    moveDonationTx(ctx.store, d.id, ['pending'], { status: 'confirmed', serialNo, confirmedAt: at, updatedAt: at }, moved()),
    ...confirmedEffectsTx(ctx, confirmed, at),
    auditPut(ctx, 'donation', d.id, 'confirm', toDonation(d), toDonation(confirmed)),
    ...(d.organizationId
      ? [
          notifyTx(
            ctx,
            'donation_reviewed',
            { to: 'organization', organizationId: d.organizationId },
            { status: 'confirmed', villageName: d.villageName, amountFen: d.amountFen, serialNo },
            { link: '/donations' },
          ),
        ]
      : []),
  ]);
  return toDonation(confirmed);
}

export async function rejectDonation(ctx: ServiceContext, id: string, reason: string): Promise<Donation> {
  const d = await pendingDonation(ctx, id, '驳回');
  const at = ctx.now.toISOString();
  const rejected: DonationRecord = { ...d, status: 'rejected', rejectedReason: reason, updatedAt: at };
  await ctx.store.transact([
    moveDonationTx(ctx.store, d.id, ['pending'], { status: 'rejected', rejectedReason: reason, updatedAt: at }, moved()),
    auditPut(ctx, 'donation', d.id, 'reject', toDonation(d), toDonation(rejected)),
    ...(d.organizationId
      ? [
          notifyTx(
            ctx,
            'donation_reviewed',
            { to: 'organization', organizationId: d.organizationId },
            { status: 'rejected', villageName: d.villageName, amountFen: d.amountFen, reason },
            { link: '/donations' },
          ),
        ]
      : []),
  ]);
  return toDonation(rejected);
}
