import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../functions/adapters/dynamo-local.js';
import { REPO_ROOT } from '../../infra/bundling.js';
import { dynamoPortOf } from '../support/local-server.js';
import type { HeapProbe, TraceResult } from './db-trace.js';

export type RunningServer = {
  url: string;
  child: ChildProcess;
  readyMs: number;
  output: () => string;
  stop: () => Promise<void>;
  /** the DynamoDB Local the server started (java under it), for the bench's own direct calls */
  dynamoEndpoint: () => string;
  /** the server's resident memory now, from /proc/<pid>/status (MB) */
  rssMB: () => number;
  /**
   * The kernel's own peak RSS (VmHWM) of the server, in MB, since `resetPeakRss()`; null when the
   * reset is not allowed here (it needs /proc/<pid>/clear_refs: Linux, same user)
   */
  peakRssMB: () => number | null;
  resetPeakRss: () => boolean;
  /** tests/bench/db-trace.ts, in the server: record/meter DynamoDB calls, transaction stats, heap after forced GC */
  trace: {
    start: () => Promise<void>;
    stop: () => Promise<TraceResult>;
    stats: () => Promise<{ conflictsRetried: number }>;
    heap: () => Promise<HeapProbe>;
  };
};

/**
 * A fresh DATA_DIR for a bench server, under BENCH_DATA_DIR (default the OS temp dir, a disk here, as
 * `npm start`'s .data/ is). DynamoDB Local keeps its files there: BENCH_DATA_DIR=/dev/shm makes its
 * writes (figure 4's seeding, the checkouts) several times faster where the disk is slow.
 */
export const benchDataDir = (label: string) => mkdtempSync(path.join(process.env.BENCH_DATA_DIR ?? tmpdir(), `bangfu-${label}-`));

const statusMB = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Math.round((Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024) * 10) / 10;

export const rssOf = (pid: number) => Math.round((Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024) * 10) / 10;

/**
 * Starts `functions/entries/local.ts` (what `npm start` runs) as a child on its own PORT and
 * DATA_DIR, with tests/bench/db-trace.ts preloaded and an IPC channel to it, RATE_LIMITS=relaxed
 * (every bench request comes from 127.0.0.1), and waits for /api/health.
 */
/**
 * The variables `npm start`'s script sets before it runs the entry (package.json "start":
 * `NAME=value … tsx functions/entries/local.ts`), so the bench's server starts as that one does —
 * glibc reads MALLOC_MMAP_THRESHOLD_ when the process starts, not later.
 */
export function startScriptEnv(): Record<string, string> {
  const script: string = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts.start;
  const env: Record<string, string> = {};
  for (const m of script.matchAll(/(?:^|\s)([A-Z_][A-Z0-9_]*)=(\S+)(?=\s)/g)) env[m[1]] = m[2];
  return env;
}

export async function startServer(env: { DATA_DIR: string; DEMO_DATA?: '0' | '1'; OUTBOX_POLL_MS?: string }, timeoutMs = 120_000): Promise<RunningServer> {
  const port = await freePort();
  const started = Date.now();
  let peakReset = false;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './tests/bench/db-trace.ts', 'functions/entries/local.ts'], {
    env: { ...process.env, ...startScriptEnv(), PORT: String(port), DEMO_DATA: '1', RATE_LIMITS: 'relaxed', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && out.includes('running at')) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGTERM');
      throw new Error(`server not ready in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const readyMs = Date.now() - started;

  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m.value);
    else w?.reject(new Error(m.error));
  });
  child.once('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('server exited'));
    waiting.clear();
  });
  const ask = <T>(cmd: string) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, cmd }, (e) => e && (waiting.delete(id), reject(e)));
    });

  let dynamo: string | undefined;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    url,
    child,
    readyMs,
    output: () => out,
    stop,
    dynamoEndpoint: () => (dynamo ??= `http://127.0.0.1:${dynamoPortOf(child.pid!)}`),
    rssMB: () => rssOf(child.pid!),
    peakRssMB: () => (peakReset ? statusMB(child.pid!, 'VmHWM') : null),
    resetPeakRss: () => {
      try {
        writeFileSync(`/proc/${child.pid}/clear_refs`, '5'); // 5: reset the peak RSS to the current RSS
        peakReset = true;
      } catch {
        peakReset = false;
      }
      return peakReset;
    },
    trace: {
      start: () => ask('start'),
      stop: () => ask('stop'),
      stats: () => ask('stats'),
      heap: () => ask('heap'),
    },
  };
}
