import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';
import type { StripeSecrets } from './stripe-secrets.js';

/** The route Stripe is configured to call (the Stripe dashboard's webhook endpoint). */
export const WEBHOOK_ROUTE = { method: HttpMethod.POST, path: '/api/webhooks/stripe' } as const;

/**
 * Stripe's webhook in a function of its own, on its own HTTP API route (more specific than
 * /api/{proxy+}, so API Gateway sends it here): verifies signatures, records event ids, moves
 * orders and stock. It reads and writes the table and nothing else.
 */
export class Webhooks extends Construct {
  readonly function: AppFunction;

  constructor(scope: Construct, id: string, props: { entry: string; table: ITable; httpApi: HttpApi; stripe: StripeSecrets }) {
    super(scope, id);
    this.function = new AppFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Bangfu Stripe webhooks',
      table: { table: props.table, access: 'readWrite' },
      stripe: props.stripe,
    });
    props.httpApi.addRoutes({
      path: WEBHOOK_ROUTE.path,
      methods: [WEBHOOK_ROUTE.method],
      integration: new HttpLambdaIntegration('Webhooks', this.function.fn),
    });
  }
}
