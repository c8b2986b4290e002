import { z } from 'zod';

/**
 * GET /api/dashboard. Every figure comes from counter items moved in the same transaction as the
 * write that changes them, so one request reads a fixed handful of items however large the tenant.
 */
export const Dashboard = z.object({
  villages: z.object({
    total: z.number().int(),
    supervised: z.number().int(),
    covered: z.number().int(),
    /** supervised villages without an active pairing (rule 1), first 100 */
    uncovered: z.array(z.object({ id: z.string(), name: z.string(), township: z.string(), poorHouseholds: z.number().int() })),
  }),
  pairings: z.object({ active: z.number().int(), pending: z.number().int() }),
  sales: z.object({ paidOrders: z.number().int(), totalFen: z.number().int() }),
  /** cash received (cashFen) = usedFen + balanceFen + refundedFen; goods apart, at estimated value */
  donations: z.object({
    cashFen: z.number().int(),
    usedFen: z.number().int(),
    balanceFen: z.number().int(),
    refundedFen: z.number().int(),
    goodsFen: z.number().int(),
  }),
  /** rule 3: the latest week whose deadline has passed */
  reports: z.object({ weekStart: z.string(), deadline: z.string(), onTime: z.number().int(), late: z.number().int(), missing: z.number().int() }),
  /** this week's reports so far (deadline not yet passed) */
  reportsThisWeek: z.object({ weekStart: z.string(), deadline: z.string(), submitted: z.number().int(), expected: z.number().int() }),
  /** rule 4: the last closed quarter */
  visits: z.object({ quarter: z.string(), flagged: z.number().int() }),
  needs: z.object({ open: z.number().int(), pledged: z.number().int(), met: z.number().int(), withdrawn: z.number().int() }),
  /** rule 9: this year's consumption-aid commitments and members' purchases */
  commitments: z.object({ year: z.number().int(), organizations: z.number().int(), committedFen: z.number().int(), purchasedFen: z.number().int() }),
  /** the last 12 months in the tenant's time zone, oldest first */
  monthly: z.array(
    z.object({
      month: z.string(),
      cashFen: z.number().int(),
      goodsFen: z.number().int(),
      usedFen: z.number().int(),
      salesFen: z.number().int(),
      paidOrders: z.number().int(),
    }),
  ),
  /**
   * kinds: uncovered_supervised, pairing_gap_open, pairing_gap, report_missing, report_late,
   * reporting_warned, reporting_blocked, no_visit, over_limit — each with the ids to link to
   */
  flags: z.array(z.object({ kind: z.string() }).passthrough()),
});
export type Dashboard = z.infer<typeof Dashboard>;
