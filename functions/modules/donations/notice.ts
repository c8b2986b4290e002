import { notifyTx } from '../outbox/outbox.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import type { DonationRecord } from './store.js';

/** An online donor's email and page link, kept until the payment is confirmed. */
export type DonationNotice = { email: string; link: string; expiresAt: number };

// Access pattern: the notice of one online donation → pk DONATION_NOTICE, sk <donationId>.
const noticeKey = (store: TenantStore, id: string) => ({ pk: store.pk('DONATION_NOTICE'), sk: id });

export function putDonationNoticeTx(store: TenantStore, id: string, notice: DonationNotice): TxItem {
  return { Put: { Item: { ...noticeKey(store, id), ...notice } } };
}

/** The confirmation to the donor, with the receipt link, in the confirming transaction; the notice goes. */
export async function donorConfirmationTx(ctx: { store: TenantStore; now: Date }, d: DonationRecord): Promise<TxItem[]> {
  const k = noticeKey(ctx.store, d.id);
  const notice = await ctx.store.get<DonationNotice>(k.pk, k.sk);
  if (!notice) return [];
  return [
    notifyTx(
      ctx,
      'donation_confirmed',
      { to: 'email', email: notice.email },
      { amountFen: d.amountFen, donationId: d.serialNo ?? d.id, beneficiary: d.villageName },
      { link: notice.link },
    ),
    { Delete: { Key: k } },
  ];
}
