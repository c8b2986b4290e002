import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
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
  // reminders at each tenant's own times (within five minutes of them), ladder warnings
  'report-reminders': {
    id: 'ReportReminders',
    expression: ScheduleExpression.rate(Duration.minutes(5)),
    description: 'Bangfu: weekly-report reminders and ladder warnings',
  },
  // the outbox's safety net beside the stream: retries after a failure, anything the stream missed
  'deliver-notifications': {
    id: 'DeliverNotifications',
    expression: ScheduleExpression.rate(Duration.minutes(1)),
    description: 'Bangfu: deliver pending notifications',
  },
} as const;

/** The stream's batches: small, so one slow email does not hold many; a failing record is rescheduled on its item, never retried by the stream. */
export const OUTBOX_STREAM = { batchSize: 10, maxBatchingWindow: Duration.seconds(1), retryAttempts: 2 } as const;

/**
 * The jobs function and its EventBridge Scheduler schedules (JOB_SCHEDULES). The scheduler's role
 * may invoke this function and nothing else; a failed run is not retried (the next run does the same work).
 */
export class Jobs extends Construct {
  readonly function: AppFunction;
  readonly schedules: Record<keyof typeof JOB_SCHEDULES, Schedule>;

  constructor(
    scope: Construct,
    id: string,
    props: {
      entry: string;
      table: ITable;
      /** the SES sender (CDK context `mailFrom`): the function may send as this identity alone; none, no email */
      mailFrom?: string;
      /** the SES identity it is verified under: the address itself, or its domain (context `mailIdentity`) */
      mailIdentity?: string;
    },
  ) {
    super(scope, id);
    this.function = new AppFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Bangfu jobs: checkout holds, report deadlines and reminders, notifications',
      table: { table: props.table, access: 'readWrite' },
      timeout: Duration.seconds(50),
      environment: props.mailFrom ? { MAIL_FROM: props.mailFrom } : {},
    });
    if (props.mailFrom) {
      const identity = props.mailIdentity ?? addressOf(props.mailFrom);
      const stack = Stack.of(this);
      this.function.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })],
        }),
      );
    }
    // new outbox items, as they are written (functions/modules/outbox/store.ts marks them `outbox: '1'`)
    this.function.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        ...OUTBOX_STREAM,
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { outbox: { S: FilterRule.isEqual('1') } } } })],
      }),
    );
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

/** The address in `帮扶通 <noreply@example.org>` or `noreply@example.org`. */
export function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}
