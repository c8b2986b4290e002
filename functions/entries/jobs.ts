/**
 * The jobs Lambda, invoked by EventBridge Scheduler (infra/constructs/jobs.ts) with the job's name
 * as its input: `release-expired-holds` every minute (holds past expiresAt released, their orders
 * expired) and `report-deadlines` every hour (each tenant's just-due reporting week materialized),
 * across every tenant. The environment is parsed at cold start (env.ts); an unknown job fails loudly.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { releaseExpiredHoldsEverywhereUnscoped } from '../modules/orders/sweeper.js';
import { materializeDueWeeksEverywhereUnscoped } from '../modules/reports/jobs.js';
import { jobsEnv } from './env.js';

const env = jobsEnv();

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

/** The jobs and what each does; the schedules name them (infra/constructs/jobs.ts JOB_NAMES). */
const JOBS = {
  'release-expired-holds': (now: Date) => releaseExpiredHoldsEverywhereUnscoped(doc, env.TABLE_NAME, now),
  'report-deadlines': (now: Date) => materializeDueWeeksEverywhereUnscoped(doc, env.TABLE_NAME, now),
} as const;

export type JobName = keyof typeof JOBS;

/** The scheduler's input; no input (or no `job`) is the sweeper, the schedule that predates the others. */
const JobEvent = z
  .object({ job: z.enum(Object.keys(JOBS) as [JobName, ...JobName[]]).optional() })
  .optional()
  .transform((e) => e?.job ?? 'release-expired-holds');

export const handler = async (event?: unknown): Promise<Record<string, unknown>> => {
  const parsed = JobEvent.safeParse(event ?? undefined);
  if (!parsed.success) throw new Error(`unknown job: ${JSON.stringify(event)}`);
  const job = parsed.data;
  const result = await JOBS[job](new Date());
  console.log(JSON.stringify({ level: 'info', job, ...result }));
  return { job, ...result };
};
