import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Five minutes of the metric's sum; one such period over the threshold raises the alarm. */
export const ALARM_PERIOD = Duration.minutes(5);
/** 5xx answers of the HTTP API in a period (any: the app answers 5xx only on a bug or an outage). */
export const API_5XX_THRESHOLD = 1;
/** A function's errors (failed invocations) or throttles in a period. */
export const FUNCTION_ERROR_THRESHOLD = 1;
export const FUNCTION_THROTTLE_THRESHOLD = 1;

/**
 * The stack's alarms, all sent to one SNS topic (subscribe an address with `--context alarmEmail=…`
 * or in the console): the HTTP API's 5xx answers, and each function's errors and throttles.
 * Missing data (no traffic) is not breaching.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: { httpApi: HttpApi; functions: Record<string, IFunction>; email?: string }) {
    super(scope, id);
    // publishers (CloudWatch) must use TLS
    this.topic = new Topic(this, 'Topic', { displayName: 'Bangfu alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.add('Api5xx', props.httpApi.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }), API_5XX_THRESHOLD, 'HTTP API: 5xx answers');
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }), FUNCTION_ERROR_THRESHOLD, `${name} function: errors`);
      this.add(`${name}Throttles`, fn.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }), FUNCTION_THROTTLE_THRESHOLD, `${name} function: throttles`);
    }
  }

  private add(id: string, metric: IMetric, threshold: number, description: string) {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `Bangfu: ${description}`,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
