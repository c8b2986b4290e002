import { putDonationNoticeTx } from './notice.js';
import { hashToken, newAccessToken, tokenFragment, tokenMatches } from '../access-tokens.js';
import { dateInZone } from '../../../shared/dates.js';
import type { DonateInput, DonateResult, Donation, DonationInput, PublicDonationStatus } from '../../../shared/schemas/donations.js';
import { MAX_SESSION_AMOUNT_FEN, type Payments } from '../../adapters/payments/port.js';
import { AppError } from '../../errors.js';
import type { PublicContext } from '../context.js';
import { newId } from '../../store/ids.js';
import type { TxItem } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import { notifyTx } from '../outbox/outbox.js';
import type { ServiceContext } from '../context.js';
import { getOrganizationItem } from '../organizations/store.js';
import { getVillageItem } from '../villages/store.js';
import { donationInMoves, donationRefundMoves, movesTx } from '../counters/store.js';
import {
  deletePublicDonationTx,
  fundsInTx,
  fundsOutTx,
  getDonationRecord,
  goodsOutTx,
  listDonationRecords,
  moveDonationTx,
  nextSerial,
  orgFundsTx,
  putDonationTx,
  putPublicDonationTx,
  fundsRefundUndoneTx,
  type DonationRecord,
} from './store.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { logger } from '../../adapters/logger.js';
import { openCheckoutSession } from '../payments/session.js';
import { attributableCampaign, inCampaignScope } from '../campaigns/service.js';
import { campaignDonationMoves } from '../campaigns/store.js';
import { NOTHING_LISTED, listScope, mayReach } from '../own-organization.js';

export const toDonation = (r: DonationRecord): Donation => {
  const { tokenHash: _t, tenantSlug: _s, sessionId: _i, paymentRef: _p, refundId: _r, refundPending: _rp, expiresAt: _e, countsForOrg: _c, ...d } = r;
  return d;
};

async function tenantZone(ctx: { store: ServiceContext['store'] }): Promise<string> {
  return await tenantTimeZone(ctx.store);
}

/** What a confirmed donation moves, in the same transaction as its confirmation. */
export function confirmedEffectsTx(ctx: { store: ServiceContext['store'] }, d: DonationRecord, at: string): TxItem[] {
  return [
    fundsInTx(ctx.store, d.villageId, d.kind, d.amountFen),
    ...(d.countsForOrg && d.organizationId ? [orgFundsTx(ctx.store, d.organizationId, d.kind, d.amountFen, d.date)] : []),
    ...putPublicDonationTx(ctx.store, d, at),
    // the dashboard's tenant cash/goods and the donation date's month
    ...movesTx(ctx.store, donationInMoves(d.kind, d.amountFen, d.date)),
    // given through a campaign: it counts toward the campaign only now it is confirmed
    ...(d.campaignId ? movesTx(ctx.store, campaignDonationMoves(d.campaignId, d.villageId, d.amountFen, 1)) : []),
  ];
}

/**
 * An offline donation (cash or goods), logged by the bureau or a member of an approved organization.
 * A member logs for its own organization only (organizationId is its own); the donation counts
 * toward an organization's rule-6 totals when organizationId is set and donorType is 'organization'
 * (a person's gift passed on by an organization is not the organization's own money).
 * The bureau's is confirmed at once: the village's counters (and the organization's) move in the
 * same transaction. A member's is `pending` — no serial number, outside every public figure, total
 * and recognition — until the bureau confirms it (review.ts; cash only with a voucher), and the
 * bureau is told.
 */
export async function createDonation(ctx: ServiceContext, input: DonationInput): Promise<Donation> {
  const village = await getVillageItem(ctx.store, input.villageId);
  if (!village) throw AppError.notFound('村庄');
  let orgId = input.organizationId ?? null;
  let orgName = '';
  if (ctx.caller.role === 'org_member') {
    if (orgId && orgId !== ctx.caller.organizationId) throw AppError.forbidden('只能登记本组织的捐赠');
    orgId = ctx.caller.organizationId ?? null;
    const org = orgId ? await getOrganizationItem(ctx.store, orgId) : null;
    if (!org || org.status !== 'approved') throw AppError.forbidden('组织审核通过后才能登记捐赠');
    orgName = org.name;
  } else if (orgId && !(await getOrganizationItem(ctx.store, orgId))) {
    throw AppError.field('organizationId', '组织不存在');
  }
  const tz = await tenantZone(ctx);
  const at = ctx.now.toISOString();
  const date = input.date ?? dateInZone(ctx.now, tz);
  const pending = ctx.caller.role === 'org_member';
  const serialNo = pending ? null : await nextSerial(ctx.store, date.slice(0, 4));
  const record: DonationRecord = {
    id: newId('don'),
    serialNo,
    villageId: village.id,
    villageName: village.name,
    kind: input.kind,
    amountFen: input.amountFen,
    donorName: input.donorName,
    donorType: input.donorType,
    anonymous: input.anonymous ?? false,
    description: input.description ?? null,
    organizationId: orgId,
    needId: input.needId ?? null,
    channel: 'offline',
    status: pending ? 'pending' : 'confirmed',
    date,
    voucherFileId: null,
    confirmedAt: pending ? null : at,
    refundedAt: null,
    createdBy: ctx.caller.userId,
    createdAt: at,
    updatedAt: at,
    tokenHash: hashToken(newAccessToken()),
    countsForOrg: !!orgId && input.donorType === 'organization',
  };
  const effects = pending
    ? [
        notifyTx(
          ctx,
          'donation_logged',
          { to: 'bureau' },
          { organizationName: orgName, villageName: village.name, kind: record.kind, amountFen: record.amountFen },
          { link: '/donations?status=pending' },
        ),
      ]
    : confirmedEffectsTx(ctx, record, at);
  await ctx.store.transact([putDonationTx(ctx.store, record), ...effects, auditPut(ctx, 'donation', record.id, 'create', null, toDonation(record))]);
  return toDonation(record);
}

/** The bureau sees every donation; a member its own organization's. */
async function visible(ctx: ServiceContext, id: string): Promise<DonationRecord> {
  const d = await getDonationRecord(ctx.store, id);
  if (!d || !mayReach(ctx, d.organizationId)) throw AppError.notFound('捐赠');
  return d;
}

export async function getDonation(ctx: ServiceContext, id: string): Promise<Donation> {
  return toDonation(await visible(ctx, id));
}

export async function getDonationForReceipt(ctx: ServiceContext, id: string): Promise<DonationRecord> {
  const d = await visible(ctx, id);
  if (d.status === 'pending' || d.status === 'rejected') throw AppError.conflict('捐赠尚未经民政局确认，不能开具收据');
  return d;
}

export async function listDonations(
  ctx: ServiceContext,
  q: { villageId?: string; organizationId?: string; kind?: string; status?: string; limit: number; cursor?: string },
) {
  // an org_member's list is its own organization's, whichever it names
  const scope = listScope(ctx, ctx.caller.role === 'org_member' ? null : q.organizationId);
  if (!scope) return NOTHING_LISTED;
  const page = await listDonationRecords(ctx.store, { ...q, ...scope });
  return { items: page.items.map(toDonation), nextCursor: page.nextCursor };
}

/**
 * The bureau gives a confirmed donation back: cash only if the village still holds it (its balance
 * covers the amount, in the same transaction, so a refund can never overdraw what was spent); goods
 * leave the goods column. received = used + balance + refunded still holds to the fen.
 *
 * An online gift's money also goes back through the payment provider, ledger first: (1) the
 * refund's transaction takes the cash out of the village's balance under the balance condition —
 * which reserves it against any expenditure — and marks the donation refunded, provider refund
 * pending; (2) the provider refunds it (one idempotency key per donation, so no retry pays back
 * twice); (3) the provider's refund id goes on the record, nothing pending. If the provider
 * refuses, a compensating transaction puts everything back as it was (503). If the process dies
 * between (1) and (3), the donation shows refunded with the provider refund pending, and the same
 * request again finishes it. Locally the "provider" moves no money.
 */
export async function refundDonation(ctx: ServiceContext, payments: Payments, id: string, reason?: string): Promise<Donation> {
  const d = await visible(ctx, id);
  const online = d.kind === 'cash' && d.channel === 'online' && !!d.paymentRef;
  if (d.status === 'refunded' && d.refundPending && online) return providerRefund(ctx, payments, d, null);
  if (d.status !== 'confirmed') throw AppError.conflict('只有已确认的捐赠可以退回');
  if (d.kind === 'cash' && d.channel === 'online' && !d.paymentRef) {
    // confirmed online without the provider's payment: nothing to give back through it
    logger.error('online donation without a payment reference refunded in the ledger only', { donationId: d.id });
  }
  const at = ctx.now.toISOString();
  const refundDate = dateInZone(ctx.now, await tenantZone(ctx));
  const set = { status: 'refunded', refundedAt: at, updatedAt: at, ...(online ? { refundPending: true } : {}) };
  const after: DonationRecord = { ...d, ...set, status: 'refunded' };
  await ctx.store.transact([
    ...movesTx(ctx.store, donationRefundMoves(d.kind, d.amountFen, refundDate)),
    // refunded money leaves the campaign it was given through
    ...(d.campaignId ? movesTx(ctx.store, campaignDonationMoves(d.campaignId, d.villageId, d.amountFen, -1)) : []),
    moveDonationTx(ctx.store, d.id, ['confirmed'], set, AppError.conflict('捐赠状态已变化，请刷新')),
    d.kind === 'cash'
      ? fundsOutTx(ctx.store, d.villageId, d.amountFen, 'refund', AppError.conflict('村级余额不足，已使用的捐款不能退回'))
      : goodsOutTx(ctx.store, d.villageId, d.amountFen),
    ...(d.countsForOrg && d.organizationId ? [orgFundsTx(ctx.store, d.organizationId, d.kind, -d.amountFen, d.date)] : []),
    ...(d.confirmedAt ? deletePublicDonationTx(ctx.store, d, d.confirmedAt) : []),
    auditPut(ctx, 'donation', d.id, 'refund', toDonation(d), { ...toDonation(after), reason: reason ?? null }),
  ]);
  if (!online) return toDonation(after);
  return providerRefund(ctx, payments, after, { before: d, refundDate });
}

/**
 * Steps (2) and (3) of an online refund; `undo` (the record before and the refund's date) when this
 * request wrote step (1): a refusal then puts the ledger back. A retry of a pending refund has no
 * undo: it stays pending until the provider answers.
 */
async function providerRefund(
  ctx: ServiceContext,
  payments: Payments,
  d: DonationRecord,
  undo: { before: DonationRecord; refundDate: string } | null,
): Promise<Donation> {
  let refundId: string;
  try {
    refundId = (await payments.refund(d.paymentRef!, d.amountFen, { tenantId: ctx.store.tenantId, donationId: d.id, kind: 'donation' }, `refund-${d.id}`))
      .refundId;
  } catch (e) {
    logger.error('donation refund failed', { donationId: d.id, error: e });
    if (undo) await ctx.store.transact(undoRefundTx(ctx, undo.before, d, undo.refundDate));
    throw new AppError('payment_unavailable', 503, undo ? '退款未能提交到支付通道，请稍后重试' : '退款仍未能提交到支付通道（账目已记为退回），请稍后再试');
  }
  const done = { refundId, refundPending: false, updatedAt: ctx.now.toISOString() };
  // a concurrent retry may have finished it first: the same refund (same key), nothing to do
  await ctx.store.transact([moveDonationTx(ctx.store, d.id, ['refunded'], done, AppError.conflict('捐赠状态已变化，请刷新'))]);
  return toDonation({ ...d, ...done });
}

/** Step (1) taken back, exactly: the donation confirmed again, its cash back in the balance, counted and public again. */
function undoRefundTx(ctx: ServiceContext, before: DonationRecord, refunded: DonationRecord, refundDate: string): TxItem[] {
  const negate = (moves: ReturnType<typeof donationRefundMoves>) =>
    moves.map((m) => ({ ...m, by: Object.fromEntries(Object.entries(m.by).map(([k, v]) => [k, -Number(v)])) }));
  return [
    ...movesTx(ctx.store, negate(donationRefundMoves(before.kind, before.amountFen, refundDate))),
    ...(before.campaignId ? movesTx(ctx.store, campaignDonationMoves(before.campaignId, before.villageId, before.amountFen, 1)) : []),
    moveDonationTx(
      ctx.store,
      before.id,
      ['refunded'],
      { status: 'confirmed', refundedAt: null, refundPending: false, updatedAt: ctx.now.toISOString() },
      AppError.conflict('捐赠状态已变化，请刷新'),
    ),
    fundsRefundUndoneTx(ctx.store, before.villageId, before.amountFen),
    ...(before.countsForOrg && before.organizationId ? [orgFundsTx(ctx.store, before.organizationId, before.kind, before.amountFen, before.date)] : []),
    ...(before.confirmedAt ? putPublicDonationTx(ctx.store, before, before.confirmedAt) : []),
    auditPut(ctx, 'donation', before.id, 'refund_undone', toDonation(refunded), toDonation(before)),
  ];
}

/**
 * The donor's page (its status, and the receipt, which the page fetches with the token in a header):
 * the token in the fragment, which no server sees. It is also the `receiptUrl`
 * the API returns; `/api/public/<slug>/donations/<id>/receipt?token=` keeps working for old links.
 */
export const donationPageUrl = (ctx: Pick<PublicContext, 'origin' | 'tenant'>, id: string, token: string, cancelled = false) =>
  `${ctx.origin}/give/${ctx.tenant.slug}/donations/${id}${cancelled ? '?cancelled=1' : ''}${tokenFragment(token)}`;

/**
 * An online cash donation: a pending record, then the payment session. Nothing is counted until the
 * signed webhook confirms it (payment-kind.ts).
 */
export async function donate(ctx: PublicContext, deps: { payments: Payments; ttlSeconds: number }, input: DonateInput): Promise<DonateResult> {
  const village = await getVillageItem(ctx.store, input.villageId);
  if (!village) throw AppError.notFound('村庄');
  if (input.amountFen > MAX_SESSION_AMOUNT_FEN) throw AppError.field('amountFen', '单笔捐款不超过 ¥999,999.99');
  // given through a campaign's link: counted toward it once confirmed, if the campaign is open today
  const campaign = await attributableCampaign(ctx, input.campaignId);
  const campaignId = campaign && inCampaignScope(campaign, { villageId: village.id }) ? campaign.id : null;
  const anonymous = input.anonymous ?? !input.donorName;
  const token = newAccessToken();
  const at = ctx.now.toISOString();
  const expiresAt = new Date(ctx.now.getTime() + deps.ttlSeconds * 1000).toISOString();
  const record: DonationRecord = {
    id: newId('don'),
    serialNo: null,
    villageId: village.id,
    villageName: village.name,
    kind: 'cash',
    amountFen: input.amountFen,
    donorName: input.donorName || null,
    donorType: 'person',
    anonymous,
    description: null,
    organizationId: null,
    needId: null,
    channel: 'online',
    status: 'pending_payment',
    date: dateInZone(ctx.now, ctx.tenant.timeZone),
    voucherFileId: null,
    confirmedAt: null,
    refundedAt: null,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
    tokenHash: hashToken(token),
    tenantSlug: ctx.tenant.slug,
    expiresAt,
    countsForOrg: false,
    ...(campaignId ? { campaignId } : {}),
  };
  const pageUrl = donationPageUrl(ctx, record.id, token);
  // the donor's email and its page link wait beside the donation for the webhook's confirmation
  // (the link holds the token, which the donation itself keeps only hashed); deleted once used
  await ctx.store.transact([
    putDonationTx(ctx.store, record),
    ...(input.email
      ? [
          putDonationNoticeTx(ctx.store, record.id, {
            email: input.email.toLowerCase(),
            link: pageUrl,
            expiresAt: Math.floor(ctx.now.getTime() / 1000) + 30 * 86_400,
          }),
        ]
      : []),
  ]);
  const session = await openCheckoutSession(
    ctx,
    deps.payments,
    { entity: 'DONATION', id: record.id },
    {
      kind: 'donation',
      lines: [{ name: `捐款：${village.name}`, unitAmountFen: input.amountFen, quantity: 1 }],
      amountFen: input.amountFen,
      expiresAt: new Date(expiresAt),
      successUrl: pageUrl,
      cancelUrl: donationPageUrl(ctx, record.id, token, true),
      page: { donationId: record.id, receiptToken: token, villageName: village.name },
    },
    () =>
      ctx.store
        .transact([moveDonationTx(ctx.store, record.id, ['pending_payment'], { status: 'expired', updatedAt: at }, AppError.conflict('moved'))])
        .catch(() => undefined),
  );
  return { donationId: record.id, checkoutUrl: session.url, receiptToken: token, receiptUrl: pageUrl };
}

/** A donation through its receipt token; a wrong token is a 404 (never says the donation exists). */
export async function donationByToken(ctx: PublicContext, id: string, token: string): Promise<DonationRecord> {
  const d = await getDonationRecord(ctx.store, id);
  if (!d || !tokenMatches(d.tokenHash, token)) throw AppError.notFound('捐赠');
  return d;
}

export function publicDonationStatus(ctx: PublicContext, d: DonationRecord, token: string): PublicDonationStatus {
  // an open checkout past its expiry is shown expired (a late payment still confirms it)
  const lapsed = d.status === 'pending_payment' && !!d.expiresAt && d.expiresAt <= ctx.now.toISOString();
  return {
    id: d.id,
    status: lapsed ? 'expired' : d.status,
    serialNo: d.serialNo,
    villageId: d.villageId,
    villageName: d.villageName,
    amountFen: d.amountFen,
    anonymous: d.anonymous,
    confirmedAt: d.confirmedAt,
    receiptUrl: donationPageUrl(ctx, d.id, token),
  };
}
