import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/bundling.js';

/**
 * The server's one logger (functions/adapters/logger.ts, Powertools): structured JSON lines with
 * the Lambda request id, silent under the tests; and no hand-made JSON log line left beside it.
 */

const run = promisify(execFile);

/** Logs one error through a Lambda handler wrapped by withLambdaContext, in a process of its own. */
async function logFromLambda(env: NodeJS.ProcessEnv): Promise<string> {
  const script = `
    import { logger, withLambdaContext } from './functions/adapters/logger.ts';
    const handler = withLambdaContext(async (event) => { logger.error('refund failed', { orderId: event.orderId, error: new Error('stripe said no') }); return 'done'; });
    await handler({ orderId: 'o-1' }, { awsRequestId: 'req-abc-123', functionName: 'bangfu-api', functionVersion: '$LATEST', memoryLimitInMB: '512', invokedFunctionArn: 'arn:aws:lambda:ap-east-1:1:function:bangfu-api', getRemainingTimeInMillis: () => 1000 });
  `;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|POWERTOOLS_|LOG_LEVEL|AWS_LAMBDA_)/.test(k)));
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    env: { ...clean, ...env },
  });
  return stdout + stderr;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the logger', () => {
  it('writes one JSON line with level, message, fields, the error’s stack and the Lambda request id', async () => {
    const out = await logFromLambda({});
    const lines = out
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({
      level: 'ERROR',
      message: 'refund failed',
      service: 'bangfu',
      orderId: 'o-1',
      function_request_id: 'req-abc-123',
      function_name: 'bangfu-api',
    });
    expect(entry.error).toMatchObject({ name: 'Error', message: 'stripe said no' });
    expect(entry.error.stack).toContain('stripe said no');
  }, 30_000);

  it('is silent under the tests unless a level is asked for', async () => {
    expect((await logFromLambda({ VITEST: 'true' })).trim()).toBe('');
    expect(await logFromLambda({ VITEST: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' })).toContain('"function_request_id":"req-abc-123"');
  }, 30_000);

  it('is the only way the server logs: no hand-made JSON log lines', () => {
    const handMade = sourceFiles(path.join(REPO_ROOT, 'functions'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ at: `${path.relative(REPO_ROOT, f)}:${i + 1}`, line }))
          .filter(({ line }) => /console\.(log|error|warn|info)\(\s*JSON\.stringify/.test(line)),
      )
      .map((h) => h.at);
    expect(handMade).toEqual([]);
  });
});
