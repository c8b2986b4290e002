import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BangfuStack } from '../../infra/stack.js';
import { OUTBOX_STREAM } from '../../infra/constructs/jobs.js';

// Issue 14 on AWS: the outbox reaches the jobs function through the table's stream (new outbox
// items only), and the function may send email through SES as the configured sender alone.

let stack: BangfuStack;
let template: Template;

beforeAll(() => {
  stack = new BangfuStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'MailStack', {
    env: { account: '111111111111', region: 'ap-east-1' },
    mailFrom: '帮扶通 <noreply@bangfu.example.org>',
    mailIdentity: 'bangfu.example.org',
  });
  template = Template.fromStack(stack);
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the notification worker on AWS', () => {
  it('gets the new outbox items from the table’s stream, filtered, in small batches', () => {
    const id = stack.getLogicalId(stack.table.table.node.defaultChild as never);
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
    expect(mappings).toHaveLength(1);
    const [m] = mappings;
    expect(m.EventSourceArn).toEqual({ 'Fn::GetAtt': [id, 'StreamArn'] });
    expect(m.FunctionName).toEqual({ Ref: stack.getLogicalId(stack.jobs.function.fn.node.defaultChild as never) });
    expect(m.BatchSize).toBe(OUTBOX_STREAM.batchSize);
    expect(m.StartingPosition).toBe('LATEST');
    expect(JSON.parse(m.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { outbox: { S: ['1'] } } } });
  });

  it('may send email as the configured identity and nothing else, with the sender in its environment', () => {
    const roleId = stack.getLogicalId(stack.jobs.function.fn.role!.node.defaultChild as never);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    const ses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0])).toEqual(['ses:SendEmail']);
    expect(JSON.stringify(ses[0].Resource)).toContain(':identity/bangfu.example.org');
    const env = (
      template.findResources('AWS::Lambda::Function')[stack.getLogicalId(stack.jobs.function.fn.node.defaultChild as never)].Properties as {
        Environment: { Variables: Record<string, unknown> };
      }
    ).Environment.Variables;
    expect(env.MAIL_FROM).toBe('帮扶通 <noreply@bangfu.example.org>');
    // no other function may send mail
    const others = Object.values(template.findResources('AWS::IAM::Policy')).filter(
      (p) => !(p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
    );
    expect(JSON.stringify(others)).not.toContain('ses:');
  });
});
