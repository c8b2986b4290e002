/**
 * Figure 7 (issue 14): the notification outbox's delivery delay and throughput, against the real
 * server as `npm start` runs it (worker every OUTBOX_POLL_MS = 1000 ms, the SMTP sink on loopback).
 * Each notification is a public concern with the reporter's email (one outbox item, one email).
 *  - delay: `paced` concerns at `rate` per second (5: a busy county's day is far below it); for each, from the API's 201 to the sink's
 *    receipt of its email (the .eml file's receive time, in its name); p50, p95, max.
 *  - throughput: `burst` concerns written as fast as 8 connections go; the worker's drain rate
 *    (emails received per second from the first to the last of them) and the time from the last
 *    write to the last email.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningServer } from './server.js';

type Sent = { email: string; at: number };

async function concern(server: RunningServer, villageId: string, email: string): Promise<Sent> {
  const res = await fetch(`${server.url}/api/public/qingshui/concerns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: { kind: 'village', id: villageId }, text: '路灯坏了', contact: email }),
  });
  if (res.status !== 201) throw new Error(`concern: ${res.status} ${await res.text()}`);
  return { email, at: Date.now() };
}

/** Receipt time (ms, from the file name) per recipient, for the recipients with `prefix`. */
function received(mailDir: string, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  let files: string[] = [];
  try {
    files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
  } catch {
    return out;
  }
  for (const f of files) {
    const head = readFileSync(path.join(mailDir, f), 'utf8').split(/\r?\n\r?\n/)[0];
    const to = /^To: (.+)$/im
      .exec(head)?.[1]
      ?.trim()
      .replace(/^.*<([^>]+)>.*$/, '$1');
    if (to?.startsWith(prefix)) out.set(to, Number(f.split('-')[0]));
  }
  return out;
}

async function waitFor(mailDir: string, prefix: string, n: number, timeoutMs: number): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let got = received(mailDir, prefix);
  while (got.size < n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    got = received(mailDir, prefix);
  }
  return got;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function measureOutbox(server: RunningServer, dataDir: string, opts = { paced: 100, rate: 5, burst: 1000 }) {
  const mailDir = path.join(dataDir, 'mail');
  const transparency = (await (await fetch(`${server.url}/api/public/qingshui/transparency`)).json()) as { villages: { villageId: string }[] };
  const villageId = transparency.villages[0].villageId;

  // the demo data's own notifications (and the first reminders run) go out first: wait until the
  // sink has had nothing new for 5 s (at most 2 minutes), so the figures are about the load below
  const count = () => {
    try {
      return readdirSync(mailDir).length;
    } catch {
      return 0;
    }
  };
  const settleBy = Date.now() + 120_000;
  let seen = count();
  let quietSince = Date.now();
  while (Date.now() - quietSince < 5000 && Date.now() < settleBy) {
    await new Promise((r) => setTimeout(r, 500));
    const n = count();
    if (n !== seen) [seen, quietSince] = [n, Date.now()];
  }

  // delay at a steady rate
  const paced: Sent[] = [];
  const every = 1000 / opts.rate;
  const t0 = Date.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < opts.paced; i++) {
    const due = t0 + i * every;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(concern(server, villageId, `delay-${i}@bench.test`).then((s) => void paced.push(s)));
  }
  await Promise.all(pending);
  const got = await waitFor(mailDir, 'delay-', opts.paced, 60_000);
  const delays = paced.filter((s) => got.has(s.email)).map((s) => got.get(s.email)! - s.at);

  // throughput: a burst, then the drain
  const burstStart = Date.now();
  let next = 0;
  const workers = Array.from({ length: 8 }, async () => {
    while (next < opts.burst) {
      const i = next++;
      await concern(server, villageId, `burst-${i}@bench.test`);
    }
  });
  await Promise.all(workers);
  const writesDone = Date.now();
  const burst = await waitFor(mailDir, 'burst-', opts.burst, 300_000);
  const times = [...burst.values()].sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  return {
    pollMs: 1000,
    delay: {
      notifications: opts.paced,
      perSecond: opts.rate,
      delivered: delays.length,
      p50ms: pct(delays, 50),
      p95ms: pct(delays, 95),
      maxMs: Math.max(...delays),
    },
    throughput: {
      notifications: opts.burst,
      delivered: burst.size,
      writesPerSecond: Math.round((opts.burst / (writesDone - burstStart)) * 1000),
      deliveredPerSecond: Math.round((burst.size / Math.max(1, last - first)) * 1000),
      lastWriteToLastEmailMs: last - writesDone,
    },
  };
}
