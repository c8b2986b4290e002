import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverTable, sharedDynamo } from './demo-table.js';

export type RunningServer = {
  url: string;
  dataDir: string;
  /** SIGTERM, then DATA_DIR removed (unless started with `keepData`) */
  stop: () => Promise<void>;
  /** kill -9 of the whole process group (node, and DynamoDB Local's Java when it has its own): a crash, DATA_DIR kept */
  kill: () => Promise<void>;
  output: () => string;
};

/** A free loopback port, asked of the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The real server as `npm start` runs it (`functions/entries/local.ts` under tsx), with the demo data,
 * on a free port and a fresh DATA_DIR; resolves once GET /api/health answers ok.
 *
 * Speed (issue 16): node runs tsx's loader itself (no `npx`), and by default the server uses the
 * run's DynamoDB Local (tests/support/global-setup.ts) with a table of its own (DYNAMODB_ENDPOINT and
 * DYNAMODB_TABLE), into which the demo data is copied from a template loaded once per run by the
 * demo loader itself (functions/demo/load.ts; the server's own load then finds it there and adds
 * nothing). A server started with `dataDir` or `keepData` (a restart on the same DATA_DIR, a crash),
 * or with `ownDatabase: true`, starts its own DynamoDB Local under DATA_DIR as `npm start` does.
 */
export async function startServer(
  opts: { timeoutMs?: number; env?: Record<string, string>; dataDir?: string; keepData?: boolean; ownDatabase?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'bangfu-e2e-'));
  const root = path.resolve(import.meta.dirname, '../../..');
  const env: Record<string, string> = { PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: '1', ...opts.env };
  const shared = opts.ownDatabase || opts.dataDir !== undefined || opts.keepData ? undefined : sharedDynamo();
  if (shared && !env.DYNAMODB_ENDPOINT) {
    env.DYNAMODB_ENDPOINT = shared;
    env.DYNAMODB_TABLE = await serverTable(shared, env.DEMO_DATA !== '0', dataDir);
  }
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'functions/entries/local.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() reaches node and (when it has one) DynamoDB Local's Java alike
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      // SIGTERM: the server stops its DynamoDB Local (Java) child before it exits
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 150_000); // a loaded 2-core machine starts Java slowly
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok) return { url, dataDir, stop, kill, output: () => log };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`server did not answer /api/health in time:\n${log}`);
}

/** JSON over HTTP against the running server, the way a script would call the API. */
export async function apiCall<T = any>(
  base: string,
  method: string,
  pathname: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${pathname}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function apiLogin(base: string, email: string, password: string): Promise<string> {
  const res = await apiCall<{ token: string }>(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/**
 * The local addresses with a listening TCP socket on `port` (Linux: /proc/net/tcp and tcp6), as
 * `127.0.0.1`, `::1`, `0.0.0.0`, `::` …: what a machine on the network could reach.
 */
export function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue; // 0A: LISTEN
      const hex = local.split(':')[0];
      out.push(v6 ? ipv6(hex) : ipv4(hex));
    }
  }
  return out;
}

const ipv4 = (hex: string) => [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
function ipv6(hex: string): string {
  // four little-endian 32-bit words
  const words = [0, 8, 16, 24].map((i) =>
    hex
      .slice(i, i + 8)
      .match(/../g)!
      .reverse()
      .join(''),
  );
  const full = words.join('');
  if (/^0{32}$/.test(full)) return '::';
  if (full === '00000000000000000000000000000001') return '::1';
  if (full.startsWith('00000000000000000000ffff')) return ipv4(full.slice(24).match(/../g)!.reverse().join(''));
  return full.match(/.{4}/g)!.join(':');
}
