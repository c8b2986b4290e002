import { z } from 'zod';
import { Fen } from '../money.js';
import { IsoDate } from '../dates.js';
import { Id, ListQuery, RequiredText } from './common.js';
import { Month } from './imports.js';

/**
 * Settlement (结算, docs/DOMAIN.md "Settlement / payout"): per seller and month, from the records,
 *   grossFen − refundsFen − feesFen = payableFen = paidOutFen + owedFen.
 * owedFen below 0 means the seller was paid more than a later refund left it (it owes it back).
 */
export const SettlementQuery = z.object({
  month: Month,
  organizationId: Id.optional(),
});

const Figures = z.object({
  grossFen: z.number().int(),
  refundsFen: z.number().int(),
  feesFen: z.number().int(),
  payableFen: z.number().int(),
  /** orders paid in the month with a parcel of this seller (of this village) */
  orders: z.number().int(),
});

export const VillageSettlement = Figures.extend({ villageId: Id, villageName: z.string() });
export type VillageSettlement = z.infer<typeof VillageSettlement>;

export const Settlement = Figures.extend({
  /** null: the bureau's own listings */
  organizationId: z.string().nullable(),
  organizationName: z.string(),
  paidOutFen: z.number().int(),
  owedFen: z.number().int(),
  villages: z.array(VillageSettlement),
});
export type Settlement = z.infer<typeof Settlement>;

export const Settlements = z.object({
  month: Month,
  items: z.array(Settlement),
  /** the sums over the sellers listed; `orders`, for every seller, the month's paid orders counted once each */
  totals: Figures.extend({ paidOutFen: z.number().int(), owedFen: z.number().int() }),
});
export type Settlements = z.infer<typeof Settlements>;

export const PAYOUT_METHODS = ['bank_transfer', 'stripe_transfer'] as const;
export const PayoutMethod = z.enum(PAYOUT_METHODS, { error: '付款方式应为银行转账或 Stripe 转账' });

export const PayoutInput = z.object({
  organizationId: Id,
  amountFen: Fen.refine((n) => n > 0, { error: '付款金额必须大于 0' }),
  method: PayoutMethod,
  reference: RequiredText(100, '付款凭证号'),
  date: IsoDate,
  /** the settlement month paid (YYYY-MM); the month of `date` when absent */
  month: Month.optional(),
  note: z.string().trim().max(200).optional(),
});
export type PayoutInput = z.infer<typeof PayoutInput>;

export const Payout = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  amountFen: z.number().int(),
  method: PayoutMethod,
  reference: z.string(),
  date: z.string(),
  month: z.string(),
  note: z.string().optional(),
  /** pending only while a Stripe transfer is on its way */
  status: z.enum(['pending', 'paid']),
  hasEvidence: z.boolean(),
  createdAt: z.string(),
});
export type Payout = z.infer<typeof Payout>;

export const PayoutQuery = ListQuery.extend({ organizationId: Id.optional(), month: Month.optional() });

/** PATCH /api/organizations/:id/payout-account (bureau): the seller's Stripe connected account. */
export const PayoutAccountInput = z.object({
  stripeAccountId: z
    .string()
    .trim()
    .regex(/^acct_[A-Za-z0-9]{6,64}$/, { error: 'Stripe 收款账户格式应为 acct_ 开头' })
    .nullable(),
});
