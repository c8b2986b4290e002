import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * How many connections the DynamoDB client may hold open at once. The SDK's default, 50, is the
 * wrong size both ways: a Lambda container serves one request at a time (a handful of parallel
 * calls at most), while the local server (`npm start`, the bench) serves hundreds of buyers at once
 * — with 50, 200 concurrent checkouts queued 150 requests behind the pool ("socket usage at
 * capacity=50 and 150 additional requests are enqueued") and checkout p50 was ~10 s.
 */
export const LAMBDA_MAX_SOCKETS = 16;
export const SERVER_MAX_SOCKETS = 512;

/** DYNAMODB_MAX_SOCKETS when set (a positive integer), else by where the code runs. */
export function dynamoMaxSockets(env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.DYNAMODB_MAX_SOCKETS);
  if (env.DYNAMODB_MAX_SOCKETS && Number.isInteger(set) && set > 0) return set;
  return env.AWS_LAMBDA_FUNCTION_NAME ? LAMBDA_MAX_SOCKETS : SERVER_MAX_SOCKETS;
}

/**
 * The client's HTTP handler: keep-alive (a TLS handshake per call would cost more than the call)
 * and the pool sized by dynamoMaxSockets; the agent options go to both protocols (https on AWS,
 * http to DynamoDB Local).
 */
export function dynamoRequestHandler(env: NodeJS.ProcessEnv = process.env): NodeHttpHandler {
  const agent = { keepAlive: true, maxSockets: dynamoMaxSockets(env) };
  return new NodeHttpHandler({ httpAgent: agent, httpsAgent: agent });
}

/** A DynamoDB client with the sized pool (every function's and the local server's). */
export function makeDynamoClient(config: DynamoDBClientConfig = {}, env: NodeJS.ProcessEnv = process.env): DynamoDBClient {
  return new DynamoDBClient({
    requestHandler: dynamoRequestHandler(env),
    ...config,
  });
}

/** The document client every store uses: undefined attributes dropped, class instances refused. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: {
      removeUndefinedValues: true,
      convertClassInstanceToMap: false,
    },
  });
}
