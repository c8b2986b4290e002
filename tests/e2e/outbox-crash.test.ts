import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiCall, startServer, type RunningServer } from './support/server.js';

// The notification outbox across a crash (issue 14): changes are written with their notifications,
// the server is killed with SIGKILL before its worker sends anything, and after a restart on the
// same DATA_DIR every notification is delivered, none twice (the SMTP sink keeps every message it
// receives as its own file, so a second send would show as a second file with the same key).

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

const mailFiles = (dataDir: string) => {
  try {
    return readdirSync(path.join(dataDir, 'mail')).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
};

type Listed = { items: { idempotencyKey: string | null; to: string; subject: string }[] };

describe('the outbox across kill -9', () => {
  it('delivers every notification written before the crash exactly once after the restart', async () => {
    // a worker that would first run in an hour: everything below stays in the outbox
    server = await startServer({ env: { OUTBOX_POLL_MS: '3600000' }, keepData: true });
    const base = server.url;
    const villages = (await apiCall(base, 'GET', '/api/public/qingshui/transparency')).body.villages as { villageId: string }[];
    const reporters = ['r1@example.com', 'r2@example.com', 'r3@example.com', 'r4@example.com', 'r5@example.com'];
    for (const [i, email] of reporters.entries()) {
      const res = await apiCall(base, 'POST', '/api/public/qingshui/concerns', {
        body: { subject: { kind: 'village', id: villages[i % villages.length].villageId }, text: `反映 ${i}`, contact: email },
      });
      expect(res.status).toBe(201);
    }
    const reset = await apiCall(base, 'POST', '/api/auth/password-reset', { body: { email: 'admin@qingshui.demo' } });
    expect(reset.status).toBe(202);
    const expected = [...reporters, 'admin@qingshui.demo'];
    expect(mailFiles(server.dataDir)).toEqual([]);

    await server.kill();
    expect(mailFiles(server.dataDir)).toEqual([]); // nothing was sent before the crash

    const dataDir = server.dataDir;
    server = await startServer({ dataDir, keepData: true, env: { OUTBOX_POLL_MS: '200' } });
    // (the demo data's own notifications, written as it loaded, were pending too and go out with these)
    const ours = (l: Listed) => l.items.filter((m) => expected.includes(m.to) && (m.to !== 'admin@qingshui.demo' || m.subject === '重置帮扶通密码'));
    const deadline = Date.now() + 30_000;
    let listed: Listed = { items: [] };
    while (Date.now() < deadline) {
      listed = (await (await fetch(`${server.url}/dev/mail.json`)).json()) as Listed;
      if (ours(listed).length >= expected.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // a few more worker rounds: nothing is sent again
    await new Promise((r) => setTimeout(r, 2000));
    listed = (await (await fetch(`${server.url}/dev/mail.json`)).json()) as Listed;
    expect(
      ours(listed)
        .map((m) => m.to)
        .sort(),
    ).toEqual([...expected].sort());
    // none twice, of ours or of the demo's: every message's key is its own
    const keys = listed.items.map((m) => m.idempotencyKey);
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(mailFiles(dataDir)).toHaveLength(listed.items.length);
  }, 240_000);
});
