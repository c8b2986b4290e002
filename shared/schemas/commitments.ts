import { z } from 'zod';
import { Fen } from '../money.js';
import { Id } from './common.js';

/** A calendar year of the programme (rule 9 commitments are yearly). */
export const Year = z.coerce
  .number({ error: '年份必须是数字' })
  .int({ error: '年份必须是整数' })
  .min(2000, { error: '年份无效' })
  .max(2100, { error: '年份无效' });

/** Rule 9 (消费帮扶): what an organization committed to buy in a year, and what its members bought. */
export const CommitmentProgress = z.object({
  organizationId: Id,
  organizationName: z.string(),
  year: z.number().int(),
  committedFen: z.number().int(),
  /** paid orders placed by its signed-in members that year, less refunds */
  purchasedFen: z.number().int(),
});
export type CommitmentProgress = z.infer<typeof CommitmentProgress>;

/** ?year= (default: this year in the tenant's time zone) */
export const CommitmentQuery = z.object({ year: Year.optional() });

/** PUT /api/commitments: the bureau names the organization; a member sets its own. */
export const CommitmentInput = z.object({
  organizationId: Id.optional(),
  year: z.number({ error: '年份必须是数字' }).int({ error: '年份必须是整数' }).min(2000, { error: '年份无效' }).max(2100, { error: '年份无效' }),
  amountFen: Fen,
});
export type CommitmentInput = z.infer<typeof CommitmentInput>;
