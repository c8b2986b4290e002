import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../functions/adapters/dynamo-local.js';

export type RunningServer = { url: string; child: ChildProcess; readyMs: number; output: () => string; stop: () => Promise<void> };

/** Starts `functions/entries/local.ts` (what `npm start` runs; or `entry`) and waits for /api/health. */
export async function startServer(env: { DATA_DIR: string; DEMO_DATA?: '0' | '1' }, timeoutMs = 90_000, entry = 'functions/entries/local.ts'): Promise<RunningServer> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, PORT: String(port), DEMO_DATA: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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
      child.kill('SIGKILL');
      throw new Error(`server not ready in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const readyMs = Date.now() - started;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, child, readyMs, output: () => out, stop };
}
