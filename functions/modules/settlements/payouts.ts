import type { Payout, PayoutInput } from '../../../shared/schemas/settlements.js';
import type { FileStore, StoredFile } from '../../adapters/files.js';
import type { Payments } from '../../adapters/payments/port.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { dateInZone } from '../../../shared/dates.js';
import { checkedUpload } from '../donations/files.js';
import { getOrganizationItem, orgKey } from '../organizations/store.js';
import { sellerSettlement, settlementTx } from './store.js';
import {
  markPayoutPaidTx,
  orgPayoutKey,
  payoutKey,
  putPayoutTx,
  requestKey,
  setPayoutEvidenceTx,
  setStripeAccountTx,
  withdrawPayoutTx,
} from './payouts-store.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { logger } from '../../adapters/logger.js';
import { NOTHING_LISTED, listScope, mayReach } from '../own-organization.js';

/**
 * Payouts (结算付款): money the bureau pays a selling organization for a month's settlement, by bank
 * transfer (recorded with evidence) or a Stripe transfer to the organization's connected account.
 * Never more than owed: the payout's transaction moves the seller's month on condition that its
 * owedFen covers the amount, so concurrent payouts cannot overpay.
 */
export type PayoutRecord = Omit<Payout, 'organizationName' | 'hasEvidence'> & { transferId?: string; evidenceFileId?: string };

/** Raised by the request's claim: the same request made a payout before (a retry). */
class SeenRequest extends AppError {
  constructor() {
    super('conflict', 409, 'seen request');
  }
}

/** Raised by the settlement condition: the month owes less than the payout. */
class OverOwed extends AppError {
  constructor() {
    super('conflict', 409, 'over owed');
  }
}

async function getPayoutRecord(store: TenantStore, id: string): Promise<PayoutRecord | null> {
  const k = payoutKey(store, id);
  const item = await store.get<PayoutRecord & { pk: string; sk: string }>(k.pk, k.sk);
  if (!item) return null;
  const { pk: _p, sk: _s, ...rest } = item;
  return rest;
}

/** A payout the caller may see: the bureau any of its tenant's, an org_member its organization's. */
async function visiblePayout(ctx: ServiceContext, id: string): Promise<PayoutRecord> {
  const p = await getPayoutRecord(ctx.store, id);
  if (!p || !mayReach(ctx, p.organizationId)) throw AppError.notFound('付款记录');
  return p;
}

const toPayout = (p: PayoutRecord, organizationName: string): Payout => {
  const { transferId: _t, evidenceFileId, ...rest } = p;
  return { ...rest, organizationName, hasEvidence: !!evidenceFileId };
};

function settleTx(ctx: ServiceContext, p: PayoutRecord, sign: 1 | -1): TxItem {
  return settlementTx(
    ctx.store,
    p.month,
    p.organizationId,
    { paidOutFen: sign * p.amountFen },
    new Map(),
    sign === 1 ? { owedAtLeast: p.amountFen, failWith: new OverOwed() } : undefined,
  );
}

/**
 * POST /api/payouts (bureau). A bank transfer is recorded paid at once. A Stripe transfer is
 * recorded first (pending, the owed amount taken under the condition), then made with an
 * idempotency key per payout, then marked paid; if Stripe refuses, one compensating transaction
 * takes the record away and gives the amount back to owed (503, nothing left recorded).
 */
export async function createPayout(ctx: ServiceContext, payments: Payments, input: PayoutInput, idempotencyKey?: string): Promise<Payout> {
  const org = await getOrganizationItem(ctx.store, input.organizationId);
  if (!org) throw AppError.notFound('组织');
  const account = (org as { stripeAccountId?: string | null }).stripeAccountId;
  if (input.method === 'stripe_transfer') {
    if (payments.mode !== 'stripe') throw AppError.conflict('未配置 Stripe，不能通过 Stripe 转账，请改用银行转账');
    if (!account) throw AppError.conflict(`「${org.name}」未设置 Stripe 收款账户`);
  }
  // a payout is recorded once made: not dated after today (the tenant's)
  const today = dateInZone(ctx.now, await tenantTimeZone(ctx.store));
  if (input.date > today) throw AppError.field('date', '付款日期不能晚于今天');
  const at = ctx.now.toISOString();
  const p: PayoutRecord = {
    id: newId('pay'),
    organizationId: org.id,
    amountFen: input.amountFen,
    method: input.method,
    reference: input.reference,
    date: input.date,
    month: input.month ?? input.date.slice(0, 7),
    ...(input.note ? { note: input.note } : {}),
    status: input.method === 'stripe_transfer' ? 'pending' : 'paid',
    createdAt: at,
  };
  const claim = idempotencyKey ? requestKey(ctx.store, ctx.caller.userId, idempotencyKey) : null;
  try {
    await ctx.store.transact([...putPayoutTx(ctx.store, p, claim, new SeenRequest()), settleTx(ctx, p, 1), auditPut(ctx, 'payout', p.id, 'create', null, p)]);
  } catch (e) {
    if (e instanceof SeenRequest) return resumePayout(ctx, payments, claim!, p, org.name, account);
    if (!(e instanceof OverOwed)) throw e;
    const owed = (await sellerSettlement(ctx.store, p.month, p.organizationId)).owedFen;
    throw AppError.conflict(`付款金额超过应付余额：${p.month} 尚欠 ¥${(Math.max(owed, 0) / 100).toFixed(2)}`, {
      owedFen: owed,
      month: p.month,
      path: 'amountFen',
    });
  }
  if (p.method === 'bank_transfer') return toPayout(p, org.name);
  return transferPayout(ctx, payments, p, org.name, account!, claim);
}

/**
 * A retry of a request that made a payout (its Idempotency-Key, after an answer that never came or
 * a 5xx): the payout it made, finished if its Stripe transfer was cut off (the same transfer key,
 * so Stripe makes no second transfer), never a second payout.
 */
async function resumePayout(
  ctx: ServiceContext,
  payments: Payments,
  claim: { pk: string; sk: string },
  asked: PayoutRecord,
  orgName: string,
  account: string | null | undefined,
): Promise<Payout> {
  const made = await ctx.store.get<{ payoutId: string }>(claim.pk, claim.sk);
  const p = made ? await getPayoutRecord(ctx.store, made.payoutId) : null;
  if (!p) throw AppError.conflict('相同的付款请求正在处理中，请稍后重试');
  if (p.organizationId !== asked.organizationId || p.amountFen !== asked.amountFen || p.method !== asked.method || p.month !== asked.month) {
    throw AppError.conflict('Idempotency-Key 已用于另一个不同的请求');
  }
  if (p.status === 'paid') return toPayout(p, orgName);
  return transferPayout(ctx, payments, p, orgName, account!, claim);
}

/** A recorded (pending) payout's Stripe transfer, then paid; a refusal takes the record back (503). */
async function transferPayout(
  ctx: ServiceContext,
  payments: Payments,
  p: PayoutRecord,
  orgName: string,
  account: string,
  claim: { pk: string; sk: string } | null,
): Promise<Payout> {
  let transferId: string;
  try {
    const meta = { tenantId: ctx.store.tenantId, payoutId: p.id, organizationId: p.organizationId, month: p.month };
    transferId = (await payments.transfer(account, p.amountFen, meta, `payout-${p.id}`)).transferId;
  } catch (e) {
    logger.error('payout transfer failed', { payoutId: p.id, error: e });
    await ctx.store.transact([
      ...withdrawPayoutTx(ctx.store, p),
      settleTx(ctx, p, -1),
      auditPut(ctx, 'payout', p.id, 'transfer_refused', p, null),
      ...(claim ? [{ Delete: { Key: claim } }] : []),
    ]);
    throw new AppError('payment_unavailable', 503, 'Stripe 转账未成功，未记录付款，请稍后重试');
  }
  const paid: PayoutRecord = { ...p, status: 'paid', transferId };
  await ctx.store.transact([markPayoutPaidTx(ctx.store, p.id, transferId), auditPut(ctx, 'payout', p.id, 'transferred', p, paid)]);
  return toPayout(paid, orgName);
}

/** GET /api/payouts: the bureau's all (or one organization's), an org_member its own; newest first. */
export async function listPayouts(ctx: ServiceContext, q: { organizationId?: string; month?: string; limit: number; cursor?: string }) {
  const scope = listScope(ctx, q.organizationId);
  if (!scope) return NOTHING_LISTED;
  const orgId = scope.organizationId;
  const filter = q.month ? { expression: '#m = :m', names: { '#m': 'month' }, values: { ':m': q.month } } : undefined;
  let records: PayoutRecord[];
  let nextCursor: string | null;
  if (orgId) {
    const page = await ctx.store.query<{ payoutId: string }>({
      pk: orgPayoutKey(ctx.store, orgId, '').pk,
      forward: false,
      limit: q.limit,
      cursor: q.cursor,
      filter,
    });
    const items = await ctx.store.getMany<PayoutRecord & { sk: string }>(page.items.map((e) => payoutKey(ctx.store, e.payoutId)));
    const byId = new Map(items.map((i) => [i.sk, i]));
    records = page.items.map((e) => byId.get(e.payoutId)).filter((p): p is PayoutRecord & { sk: string } => !!p);
    nextCursor = page.nextCursor;
  } else {
    const page = await ctx.store.query<PayoutRecord>({ pk: payoutKey(ctx.store, '').pk, forward: false, limit: q.limit, cursor: q.cursor, filter });
    records = page.items;
    nextCursor = page.nextCursor;
  }
  const ids = [...new Set(records.map((r) => r.organizationId))];
  const orgs = ids.length ? await ctx.store.getMany<{ sk: string; name: string }>(ids.map((id) => orgKey(ctx.store, id))) : [];
  const names = new Map(orgs.map((o) => [o.sk, o.name]));
  return {
    items: records.map(({ pk: _p, sk: _s, ...r }: PayoutRecord & { pk?: string; sk?: string }) => toPayout(r, names.get(r.organizationId) ?? '')),
    nextCursor,
  };
}

const evidenceKey = (tenantId: string, fileId: string) => `${tenantId}/payouts/${fileId}`;

/** POST /api/payouts/:id/evidence (bureau): the bank slip or transfer record (replacing any). */
export async function attachPayoutEvidence(
  ctx: ServiceContext,
  files: FileStore,
  id: string,
  upload: { bytes: Uint8Array; declaredType: string },
): Promise<{ fileId: string }> {
  const p = await visiblePayout(ctx, id);
  const type = checkedUpload(upload);
  const fileId = newId('pev');
  await files.put(evidenceKey(ctx.store.tenantId, fileId), { bytes: upload.bytes, contentType: type });
  await ctx.store.transact([
    setPayoutEvidenceTx(ctx.store, id, fileId),
    auditPut(ctx, 'payout', id, 'attach_evidence', { evidenceFileId: p.evidenceFileId }, { evidenceFileId: fileId }),
  ]);
  return { fileId };
}

/** GET /api/payouts/:id/evidence: the bureau, or the organization paid (never public). */
export async function payoutEvidence(ctx: ServiceContext, files: FileStore, id: string): Promise<StoredFile> {
  const p = await visiblePayout(ctx, id);
  if (!p.evidenceFileId) throw AppError.notFound('凭证');
  const f = await files.get(evidenceKey(ctx.store.tenantId, p.evidenceFileId));
  if (!f) throw AppError.notFound('凭证');
  return f;
}

/** PUT /api/organizations/:id/payout-account (bureau): the Stripe connected account paid by stripe_transfer. */
export async function setPayoutAccount(ctx: ServiceContext, organizationId: string, stripeAccountId: string | null) {
  const org = await getOrganizationItem(ctx.store, organizationId);
  if (!org) throw AppError.notFound('组织');
  const before = (org as { stripeAccountId?: string | null }).stripeAccountId ?? null;
  await ctx.store.transact([
    setStripeAccountTx(ctx.store, organizationId, stripeAccountId, ctx.now.toISOString()),
    auditPut(ctx, 'organization', organizationId, 'set_payout_account', { stripeAccountId: before }, { stripeAccountId }),
  ]);
  return { organizationId, stripeAccountId };
}
