import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/adapters/dynamo-local.js';
import { descendants, isAlive, killTree, waitDead } from '../support/local-server.js';

// `npm start` stops whole: SIGTERM to npm (what `kill <pid>` and most process managers send; npm
// forwards it to its script, which must therefore exec the server) or SIGTERM/SIGINT to the server's
// own process ends the HTTP server and DynamoDB Local's Java, leaving nothing that still answers; even
// a kill -9 of the server leaves no Java behind. Each case starts the real thing, on a temporary
// DATA_DIR and a free port, without the demo data.

const dirs: string[] = [];
const children: ChildProcess[] = [];
/** every pid seen under a child: a failed case must not leave its orphans running */
const seen = new Set<number>();
afterAll(() => {
  for (const c of children) if (c.pid && c.exitCode === null && !c.signalCode) killTree(c.pid);
  for (const pid of seen) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Whether something accepts connections on the loopback port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

type Started = { child: ChildProcess; port: number; output: () => string; exited: Promise<unknown> };

/** Spawns `cmd` (npm start, or the server's entry by itself) and waits for `until` in its output. */
async function launch(cmd: string, args: string[], until: RegExp | ((out: string, pid: number) => boolean), timeoutMs = 150_000): Promise<Started> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bangfu-signals-'));
  dirs.push(dataDir);
  const port = await freePort();
  const child = spawn(cmd, args, {
    env: { ...process.env, DYNAMODB_ENDPOINT: undefined, DYNAMODB_TABLE: undefined, PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise((r) => child.once('exit', r));
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const ready = typeof until === 'function' ? until : (o: string) => until.test(o);
  const deadline = Date.now() + timeoutMs;
  while (!ready(out, child.pid!)) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`${cmd} exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`${cmd} not ready in ${timeoutMs} ms:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => out, exited };
}

/** The tree below pid, its Java's DynamoDB port; after `signal`, every one of them gone and no port answering. */
async function signalAndCheck(s: Started, signal: NodeJS.Signals, pid = s.child.pid!) {
  const tree = descendants(s.child.pid!);
  for (const d of tree) seen.add(d.pid);
  const java = tree.find((d) => /DynamoDBLocal\.jar/.test(d.args));
  expect(java, `no DynamoDB Local under ${s.child.pid}:\n${tree.map((d) => d.args).join('\n')}`).toBeDefined();
  const dynamoPort = Number(java!.args.match(/-port\s+(\d+)/)![1]);
  const t0 = Date.now();
  process.kill(pid, signal);
  await Promise.race([s.exited, new Promise((_, reject) => setTimeout(() => reject(new Error(`still running 20 s after ${signal}:\n${s.output()}`)), 20_000))]);
  // everything that was below it is gone (a zombie counts as gone), within a moment of the exit
  const alive = () => tree.filter((d) => isAlive(d.pid)).map((d) => `${d.pid} ${d.args.slice(0, 100)}`);
  await waitDead(
    tree.map((d) => d.pid),
    5000,
  ).catch(() => {
    throw new Error(`still running after ${signal}:\n${alive().join('\n')}`);
  });
  expect(await answers(s.port), 'the HTTP port still answers').toBe(false);
  expect(await answers(dynamoPort), 'DynamoDB Local still answers').toBe(false);
  return Date.now() - t0;
}

describe('npm start stops whole on a signal', () => {
  it('SIGTERM to npm (npm forwards it to the script): the server and Java are gone, neither port answers', async () => {
    const s = await launch('npm', ['start', '--ignore-scripts'], /is running at/);
    const ms = await signalAndCheck(s, 'SIGTERM');
    console.log(`npm start: ready, then stopped ${ms} ms after SIGTERM`);
  }, 200_000);

  it('SIGINT to the server itself while DynamoDB Local is still starting: Java goes with it', async () => {
    // the moment Java is there, before it answers (or at latest before the server does)
    const s = await launch(process.execPath, ['--import', 'tsx', 'functions/entries/local.ts'], (_out, pid) =>
      descendants(pid).some((d) => /DynamoDBLocal\.jar/.test(d.args)),
    );
    await signalAndCheck(s, 'SIGINT');
    expect(s.output()).not.toMatch(/is running at/);
  }, 200_000);

  it('kill -9 to the server, which no handler sees: its DynamoDB Local does not outlive it', async () => {
    const s = await launch(process.execPath, ['--import', 'tsx', 'functions/entries/local.ts'], (_out, pid) =>
      descendants(pid).some((d) => /DynamoDBLocal\.jar/.test(d.args)),
    );
    await signalAndCheck(s, 'SIGKILL');
  }, 200_000);
});
