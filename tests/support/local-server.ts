import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../../functions/adapters/dynamo-local.js';

// The real local server (functions/entries/local.ts, what `npm start` runs) as a child process,
// with helpers to find its process tree (DynamoDB Local's java runs under it) and kill it hard.

export type LocalServer = { url: string; child: ChildProcess; output: () => string };

export async function startLocalServer(env: { DATA_DIR: string }, timeoutMs = 90_000): Promise<LocalServer> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/entries/local.ts'], {
    env: { ...process.env, PORT: String(port), DEMO_DATA: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && out.includes('running at')) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - started > timeoutMs) {
      killTree(child.pid!);
      throw new Error(`server not ready in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, output: () => out };
}

/** The pids and command lines of every process below `pid`. */
export function descendants(pid: number): { pid: number; args: string }[] {
  let text = '';
  try {
    text = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const rows = text
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const out: { pid: number; args: string }[] = [];
  const walk = (p: number) => {
    for (const r of rows.filter((x) => x.ppid === p)) {
      out.push({ pid: r.pid, args: r.args });
      walk(r.pid);
    }
  };
  walk(pid);
  return out;
}

/** Running (a zombie waiting to be reaped counts as dead). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL a pid and everything below it (by pid, each one). */
export function killTree(pid: number): void {
  for (const d of [...descendants(pid)].reverse()) {
    try {
      process.kill(d.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

export async function waitDead(pids: number[], timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > until) throw new Error(`still alive: ${pids.filter(isAlive).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The loopback port DynamoDB Local (java, under the server) listens on. */
export function dynamoPortOf(serverPid: number): number {
  const java = descendants(serverPid).find((d) => /java/.test(d.args) && /-port\s+\d+/.test(d.args));
  if (!java) throw new Error('no DynamoDB Local under the server');
  return Number(java.args.match(/-port\s+(\d+)/)![1]);
}
