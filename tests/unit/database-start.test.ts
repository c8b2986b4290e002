import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_START_TIMEOUT_S, startTimeoutSeconds } from '../../functions/adapters/dynamo-local.js';

// DynamoDB Local's first answer took 68 s on a loaded machine: the start waits up to
// DYNAMODB_START_TIMEOUT_S (default 180 s) and, past it, says what to check; the test run then
// says "database did not start", not vitest's misleading "No test files found".

const root = path.resolve(import.meta.dirname, '../..');

describe('how long DynamoDB Local may take to start', () => {
  it('180 s unless DYNAMODB_START_TIMEOUT_S says otherwise; a value that is not a positive number is refused', () => {
    expect(DEFAULT_START_TIMEOUT_S).toBe(180);
    expect(startTimeoutSeconds({})).toBe(180);
    expect(startTimeoutSeconds({ DYNAMODB_START_TIMEOUT_S: '300' })).toBe(300);
    expect(() => startTimeoutSeconds({ DYNAMODB_START_TIMEOUT_S: 'soon' })).toThrow(/DYNAMODB_START_TIMEOUT_S must be a number of seconds above 0, not "soon"/);
    expect(() => startTimeoutSeconds({ DYNAMODB_START_TIMEOUT_S: '0' })).toThrow(/above 0/);
  });

  it('a test run whose database does not answer in time says "database did not start" and why, not "No test files found"', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DYNAMODB_START_TIMEOUT_S: '0.001', NO_COLOR: '1' };
    for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/unit/dates.test.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1);
    expect(out).toContain('database did not start: DynamoDB Local did not answer within 0.001 s: is Java 17 installed (java -version)?');
    expect(out).toContain('DYNAMODB_START_TIMEOUT_S=');
    expect(out).not.toMatch(/No test files found/);
  }, 150_000);
});
