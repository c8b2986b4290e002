import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

/** How often the jobs run: a checkout's stock is back on sale within a minute of its expiry. */
export const JOBS_RATE = Duration.minutes(1);

/**
 * The jobs function and its EventBridge Scheduler schedule: checkout expiry across every tenant
 * (functions/entries/jobs.ts). The scheduler's role may invoke this function and nothing else.
 */
export class Jobs extends Construct {
  readonly function: AppFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: { entry: string; table: ITable }) {
    super(scope, id);
    this.function = new AppFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Bangfu jobs: release expired checkout holds',
      table: { table: props.table, access: 'readWrite' },
      timeout: Duration.seconds(50),
    });
    this.schedule = new Schedule(this, 'EveryMinute', {
      schedule: ScheduleExpression.rate(JOBS_RATE),
      target: new LambdaInvoke(this.function.fn, { retryAttempts: 0 }),
      description: 'Bangfu: release expired checkout holds',
    });
  }
}
