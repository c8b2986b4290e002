/**
 * The jobs Lambda, invoked by EventBridge Scheduler (infra/constructs/jobs.ts) with the job's name
 * as its input: `release-expired-holds` every minute (holds past expiresAt released, their orders
 * expired), `report-deadlines` every hour (each tenant's just-due reporting week materialized),
 * `report-reminders` every five minutes (reminders and ladder warnings, once each) and
 * `deliver-notifications` every minute (the outbox's safety net), across every tenant; and by the
 * table's stream, filtered to new outbox items, which it delivers as they come (bell and SES email).
 * The environment is parsed at cold start (env.ts); an unknown job fails loudly.
 */
import { documentClient, makeDynamoClient } from '../adapters/dynamo-client.js';
import { z } from 'zod';
import { releaseExpiredHoldsEverywhereUnscoped } from '../modules/orders/sweeper.js';
import { materializeDueWeeksEverywhereUnscoped } from '../modules/reports/jobs.js';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Mailer } from '../adapters/mail.js';
import { SesMailer } from '../adapters/mail-ses.js';
import { remindEverywhereUnscoped } from '../modules/notifications/reminders.js';
import type { OutboxEvent } from '../modules/outbox/outbox.js';
import { deliverEvent, deliverEverywhereUnscoped, type DeliveryDeps } from '../modules/notifications/worker.js';
import { TenantStore } from '../store/tenant-store.js';
import { jobsEnv } from './env.js';
import { logger, withLambdaContext } from '../adapters/logger.js';

const env = jobsEnv();

const doc = documentClient(makeDynamoClient());

/** Without a sender the worker still fills the bell; an email is logged as not sent. */
const noMail: Mailer = {
  mode: 'none',
  async send(m) {
    logger.warn('email not sent: no MAIL_FROM', { key: m.idempotencyKey });
  },
};

const delivery: DeliveryDeps = {
  doc,
  tableName: env.TABLE_NAME,
  mailer: env.MAIL_FROM ? new SesMailer({ from: env.MAIL_FROM }) : noMail,
  publicUrl: env.PUBLIC_URL ?? 'http://localhost:3000',
  clock: () => new Date(),
};

/** The jobs and what each does; the schedules name them (infra/constructs/jobs.ts JOB_SCHEDULES). */
const JOBS = {
  'release-expired-holds': (now: Date) => releaseExpiredHoldsEverywhereUnscoped(doc, env.TABLE_NAME, now),
  'report-deadlines': (now: Date) => materializeDueWeeksEverywhereUnscoped(doc, env.TABLE_NAME, now),
  // the outbox's safety net: whatever the stream did not deliver (a failure backing off, a stream outage)
  'deliver-notifications': (_now: Date) => deliverEverywhereUnscoped(delivery),
  'report-reminders': (now: Date) => remindEverywhereUnscoped(doc, env.TABLE_NAME, now),
} as const;

/** A DynamoDB stream record of an outbox item (the event source's filter lets only INSERTs of `outbox` items through). */
type StreamRecord = { eventName?: string; dynamodb?: { NewImage?: Record<string, unknown> } };

/**
 * The table's stream (infra: an event source filtered to new outbox items): each notification
 * delivered as it is written. A failure is rescheduled on the item itself (attempts, backoff) and
 * picked up by the `deliver-notifications` schedule, so the batch never fails and never blocks the shard.
 */
async function onStream(records: StreamRecord[]): Promise<Record<string, unknown>> {
  let delivered = 0;
  let failed = 0;
  for (const r of records) {
    if (r.eventName !== 'INSERT' || !r.dynamodb?.NewImage) continue;
    const ev = unmarshall(r.dynamodb.NewImage as never) as OutboxEvent & { outbox?: string };
    if (ev.outbox !== '1' || !ev.tenantId) continue;
    const res = await deliverEvent(new TenantStore(doc, env.TABLE_NAME, ev.tenantId), delivery, ev);
    delivered += res.delivered;
    failed += res.failed;
  }
  return { job: 'deliver-notifications', source: 'stream', delivered, failed };
}

export type JobName = keyof typeof JOBS;

/** The scheduler's input; no input (or no `job`) is the sweeper, the schedule that predates the others. */
const JobEvent = z
  .object({ job: z.enum(Object.keys(JOBS) as [JobName, ...JobName[]]).optional() })
  .optional()
  .transform((e) => e?.job ?? 'release-expired-holds');

export const handler = withLambdaContext(async (event?: unknown, _context?: object): Promise<Record<string, unknown>> => {
  const records = (event as { Records?: StreamRecord[] } | undefined)?.Records;
  if (Array.isArray(records)) {
    const result = await onStream(records);
    logger.info('notifications delivered', { ...result });
    return result;
  }
  const parsed = JobEvent.safeParse(event ?? undefined);
  if (!parsed.success) throw new Error(`unknown job: ${JSON.stringify(event)}`);
  const job = parsed.data;
  const result = await JOBS[job](new Date());
  logger.info('job done', { job, ...result });
  return { job, ...result };
});
