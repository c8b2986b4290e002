import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

/** How often the sweeper runs: a checkout's stock is back on sale within a minute of its expiry. */
export const JOBS_RATE = Duration.minutes(1);

/**
 * The schedules, by the job name the function receives (`{"job": …}`, functions/entries/jobs.ts):
 * the sweeper every minute; the report deadlines every hour at :05 (a tenant's deadline is its own
 * weekday and time in its own time zone, so the job looks every hour for weeks that have just come due).
 */
export const JOB_SCHEDULES = {
  'release-expired-holds': { id: 'EveryMinute', expression: ScheduleExpression.rate(JOBS_RATE), description: 'Bangfu: release expired checkout holds' },
  'report-deadlines': {
    id: 'ReportDeadlines',
    expression: ScheduleExpression.cron({ minute: '5' }),
    description: 'Bangfu: materialize each tenant’s just-due reporting week',
  },
} as const;

/**
 * The jobs function and its EventBridge Scheduler schedules (JOB_SCHEDULES). The scheduler's role
 * may invoke this function and nothing else; a failed run is not retried (the next run does the same work).
 */
export class Jobs extends Construct {
  readonly function: AppFunction;
  readonly schedules: Record<keyof typeof JOB_SCHEDULES, Schedule>;

  constructor(scope: Construct, id: string, props: { entry: string; table: ITable }) {
    super(scope, id);
    this.function = new AppFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Bangfu jobs: release expired checkout holds, report deadlines',
      table: { table: props.table, access: 'readWrite' },
      timeout: Duration.seconds(50),
    });
    const schedules = {} as Record<keyof typeof JOB_SCHEDULES, Schedule>;
    for (const [job, s] of Object.entries(JOB_SCHEDULES) as [keyof typeof JOB_SCHEDULES, (typeof JOB_SCHEDULES)[keyof typeof JOB_SCHEDULES]][]) {
      schedules[job] = new Schedule(this, s.id, {
        schedule: s.expression,
        target: new LambdaInvoke(this.function.fn, { retryAttempts: 0, input: ScheduleTargetInput.fromObject({ job }) }),
        description: s.description,
      });
    }
    this.schedules = schedules;
  }
}
