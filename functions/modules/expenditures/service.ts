import type { Expenditure } from '../../../shared/schemas/expenditures.js';
import type { z } from 'zod';
import type { ExpenditureInput } from '../../../shared/schemas/expenditures.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import {
  fundsOutTx,
  getExpenditure as getExpenditureItem,
  listExpenditures as listExpenditureItems,
  putExpenditureTx,
  villageFunds,
} from '../donations/store.js';
import { getVillageItem } from '../villages/store.js';
import { expenditureMoves, movesTx } from '../counters/store.js';

type Input = z.output<typeof ExpenditureInput>;

/**
 * Records a use of a village's donated cash (bureau). The spend is a conditional update of the
 * village's balance (balanceFen >= amount) in the same transaction as the expenditure, so a spend
 * over the balance is a 409 with nothing written, and two concurrent spends can never overdraw it.
 */
export async function createExpenditure(ctx: ServiceContext, input: Input): Promise<Expenditure> {
  const village = await getVillageItem(ctx.store, input.villageId);
  if (!village) throw AppError.notFound('村庄');
  const at = ctx.now.toISOString();
  const e: Expenditure = {
    id: newId('exp'),
    villageId: village.id,
    villageName: village.name,
    amountFen: input.amountFen,
    purpose: input.purpose,
    category: input.category ?? 'other',
    date: input.date,
    evidenceUrl: input.evidenceUrl ?? null,
    evidenceFileId: null,
    createdBy: ctx.caller.userId,
    createdAt: at,
  };
  const over = AppError.conflict('支出超过该村捐款余额');
  try {
    await ctx.store.transact([
      fundsOutTx(ctx.store, village.id, e.amountFen, { spent: e.category }, over),
      ...putExpenditureTx(ctx.store, e),
      ...movesTx(ctx.store, expenditureMoves(e.amountFen, e.date)),
      auditPut(ctx, 'expenditure', e.id, 'create', null, e),
    ]);
  } catch (err) {
    if (err === over) {
      const funds = await villageFunds(ctx.store, village.id);
      throw AppError.conflict(`支出超过该村捐款余额（余额 ${funds.balanceFen} 分）`, { balanceFen: funds.balanceFen, amountFen: e.amountFen });
    }
    throw err;
  }
  return e;
}

export async function listExpenditures(ctx: ServiceContext, q: { villageId?: string; limit: number; cursor?: string }) {
  return listExpenditureItems(ctx.store, q);
}

export async function getExpenditure(ctx: ServiceContext, id: string): Promise<Expenditure> {
  const e = await getExpenditureItem(ctx.store, id);
  if (!e) throw AppError.notFound('支出');
  return e;
}

/** Rule 8: a village's funds as they add up (received = used + balance + refunded; goods apart). */
export async function villageFundsSummary(ctx: ServiceContext, villageId: string) {
  if (!(await getVillageItem(ctx.store, villageId))) throw AppError.notFound('村庄');
  const { cashReceivedFen, cashUsedFen, balanceFen, refundedFen, goodsFen } = await villageFunds(ctx.store, villageId);
  return { villageId, cashReceivedFen, cashUsedFen, balanceFen, refundedFen, goodsFen };
}
