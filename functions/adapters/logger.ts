import { Logger } from '@aws-lambda-powertools/logger';

type LambdaContext = Parameters<Logger['addContext']>[0];
type Attributes = Record<string, unknown>;

let instance: Logger | undefined;
let lambdaContext: LambdaContext | undefined;

/**
 * Powertools' logger, made on the first line logged (not at import: a cold start that logs nothing
 * pays nothing). Its level: POWERTOOLS_LOG_LEVEL (or LOG_LEVEL; Lambda's own log level wins on AWS),
 * else INFO — and SILENT under the tests, whose expected failures would otherwise bury the output
 * (set POWERTOOLS_LOG_LEVEL=DEBUG to see them).
 */
function powertools(): Logger {
  if (!instance) {
    instance = new Logger({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bangfu',
      logLevel: process.env.POWERTOOLS_LOG_LEVEL || process.env.LOG_LEVEL ? undefined : process.env.VITEST ? 'SILENT' : 'INFO',
    });
    if (lambdaContext) instance.addContext(lambdaContext);
  }
  return instance;
}

/**
 * The one logger of the server: a JSON line per entry (level, message, timestamp, service, the
 * fields given; an Error field with its name, message and stack), and on Lambda the invocation's
 * request id (function_request_id, see withLambdaContext) and X-Ray trace id.
 */
export const logger = {
  error: (message: string, fields: Attributes = {}) => powertools().error(message, fields),
  warn: (message: string, fields: Attributes = {}) => powertools().warn(message, fields),
  info: (message: string, fields: Attributes = {}) => powertools().info(message, fields),
  debug: (message: string, fields: Attributes = {}) => powertools().debug(message, fields),
};

/**
 * A Lambda handler whose log lines carry the invocation's request id (function_request_id) and
 * the function's name, version and memory: Powertools' Lambda context, set per invocation.
 */
export function withLambdaContext<E, R, C>(handler: (event: E, context: C) => Promise<R>): (event: E, context: C) => Promise<R> {
  return (event, context) => {
    if (typeof context === 'object' && context !== null && 'awsRequestId' in context) {
      lambdaContext = context as unknown as LambdaContext;
      instance?.addContext(lambdaContext);
    }
    return handler(event, context);
  };
}
