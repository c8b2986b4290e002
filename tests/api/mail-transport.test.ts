import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf, type MailMessage } from '../../functions/adapters/mail.js';
import { SesMailer } from '../../functions/adapters/mail-ses.js';
import { listMail, readMail, startMailSink, type MailSink } from '../../functions/adapters/mail-sink.js';
import { SmtpMailer } from '../../functions/adapters/mail-smtp.js';
import { devMailRoutes } from '../../functions/http/dev-mail.js';
import { contentSecurityPolicyHeader, securityHeaders } from '../../functions/http/security-headers.js';

// The email transport: SMTP into the local sink (which keeps every copy), the local mail page over
// the sink's folder, and SES v2 against a recording HTTP server.

const root = mkdtempSync(path.join(tmpdir(), 'bangfu-mail-'));
let n = 0;
/** A fresh folder per test, so counts do not depend on the order tests run in. */
const freshDir = () => path.join(root, `box-${++n}`);

const makeMessage = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  to: 'org1@qingshui.demo',
  subject: '您的结对申请已通过',
  text: '清水县民政局已批准您与石门村的结对。查看详情：https://bangfu.example/pairings/p-1。',
  html: '<p>清水县民政局已批准您与<b>石门村</b>的结对。</p><p><a href="https://bangfu.example/pairings/p-1">查看详情</a></p>',
  idempotencyKey: `notif-${++n}.email`,
  locale: 'zh-CN',
  ...overrides,
});

/** The page routes as local.ts mounts them: behind the app's security headers. */
function pages(dir: string) {
  const app = new Hono();
  app.use('*', securityHeaders);
  app.route('/', devMailRoutes(dir));
  return app;
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('messageIdOf', () => {
  it('gives the same Message-ID for the same key and a dot-atom local part for any key', () => {
    expect(messageIdOf('notif-1.email')).toBe('<notif-1.email@bangfu.mail>');
    expect(messageIdOf('notif-1.email')).toBe(messageIdOf('notif-1.email'));
    for (const key of ['a b', '.lead', 'trail.', 'a..b', '通知#1', 'x<y>@z']) {
      expect(messageIdOf(key)).toMatch(/^<[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*@bangfu\.mail>$/);
    }
  });

  it('keeps two different keys apart even when they differ only in unsafe characters', () => {
    expect(messageIdOf('a b')).not.toBe(messageIdOf('a_b'));
    expect(messageIdOf('a_20')).not.toBe(messageIdOf('a b'));
  });
});

describe('SMTP into the local sink', () => {
  let sink: MailSink;
  let dir: string;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    dir = freshDir();
    sink = await startMailSink({ dir });
    mailer = new SmtpMailer({ port: sink.port });
  });
  afterAll(() => sink.stop());

  it('delivers a Chinese subject, text and HTML with the Message-ID and header of its key', async () => {
    const m = makeMessage();
    await mailer.send(m);
    const [got] = await listMail(dir);
    expect(got).toMatchObject({
      subject: '您的结对申请已通过',
      to: 'org1@qingshui.demo',
      messageId: messageIdOf(m.idempotencyKey),
      idempotencyKey: m.idempotencyKey,
    });
    expect(got.from).toMatch(/^"?帮扶通"? <noreply@bangfu\.local>$/);
    expect(got.text.trim()).toBe(m.text);
    expect(got.html).toContain('<a href="https://bangfu.example/pairings/p-1">查看详情</a>');
    expect(got.file).toMatch(/^[0-9]+-[0-9a-f]+\.eml$/);
    expect(await readMail(dir, got.file)).toEqual(got);
  });

  it('keeps both copies when the same key is sent twice (the sink never deduplicates)', async () => {
    const m = makeMessage({ subject: '同一个键发两次' });
    const before = readdirSync(dir).length;
    await mailer.send(m);
    await mailer.send(m);
    expect(readdirSync(dir).length).toBe(before + 2);
    const copies = (await listMail(dir)).filter((x) => x.idempotencyKey === m.idempotencyKey);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.messageId))).toEqual(new Set([messageIdOf(m.idempotencyKey)]));
  });

  it('lists newest first and honours the limit', async () => {
    await mailer.send(makeMessage({ subject: '最新的一封' }));
    const all = await listMail(dir);
    expect(all[0].subject).toBe('最新的一封');
    expect(all.map((x) => x.file)).toEqual([...all.map((x) => x.file)].sort().reverse());
    expect(await listMail(dir, { limit: 2 })).toHaveLength(2);
  });

  it('readMail refuses names the sink does not write and unknown files', async () => {
    expect(await readMail(dir, '../x')).toBeNull();
    expect(await readMail(dir, '../../etc/passwd')).toBeNull();
    expect(await readMail(dir, '1-abc.eml.1.tmp')).toBeNull();
    expect(await readMail(dir, '000000000000001-abcdef.eml')).toBeNull();
  });

  it('a missing folder lists as empty', async () => {
    expect(await listMail(path.join(root, 'never-made'))).toEqual([]);
  });

  it('a failed delivery throws, so the outbox retries', async () => {
    const stopped = await startMailSink({ dir: freshDir() });
    await stopped.stop();
    await expect(new SmtpMailer({ port: stopped.port }).send(makeMessage())).rejects.toThrow();
  });
});

describe('the local mail page', () => {
  let sink: MailSink;
  let dir: string;
  const hostile = '<script>alert(1)</script> 邀请 & "引号"';

  beforeAll(async () => {
    dir = freshDir();
    sink = await startMailSink({ dir });
    const mailer = new SmtpMailer({ port: sink.port });
    await mailer.send(
      makeMessage({
        subject: hostile,
        text: `<script>x</script> 打开 https://bangfu.example/a?b=1&c="2" 即可。`,
        html: '<p>你好<script>alert(2)</script></p>',
      }),
    );
  });
  afterAll(() => sink.stop());

  it('lists the messages with every value escaped, under the unchanged CSP', async () => {
    const res = await pages(dir).request('/dev/mail');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicyHeader());
    const html = await res.text();
    expect(html).toContain('<title>本地邮件 · 帮扶通</title>');
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 邀请 &amp; &quot;引号&quot;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/href="\/dev\/mail\/[0-9]+-[0-9a-f]+\.eml"/);
  });

  it('shows one message: headers, clickable text links, the HTML in a sandboxed frame', async () => {
    const [m] = await listMail(dir);
    const res = await pages(dir).request(`/dev/mail/${m.file}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(esc(m.messageId!));
    expect(html).toContain('<a href="https://bangfu.example/a?b=1&amp;c=" target="_blank" rel="noopener noreferrer">');
    expect(html).toMatch(/<iframe sandbox="allow-popups allow-popups-to-escape-sandbox"[^>]* srcdoc="[^"]*&lt;script&gt;alert\(2\)/);
  });

  it('answers 404 for an unknown or invalid file name', async () => {
    for (const file of ['000000000000001-abcdef.eml', 'x.eml', '..%2Fx']) {
      const res = await pages(dir).request(`/dev/mail/${file}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('找不到这封邮件');
    }
  });

  it('gives the list as JSON', async () => {
    const res = await pages(dir).request('/dev/mail.json');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { subject: string; idempotencyKey: string }[] };
    expect(body.items).toHaveLength(1);
    expect(body.items[0].subject).toBe(hostile);
  });

  it('says so when there is no mail yet', async () => {
    const html = await (await pages(freshDir()).request('/dev/mail')).text();
    expect(html).toContain('还没有邮件。申请加入、邀请、重置密码和通知邮件都会出现在这里。');
  });
});

describe('SES v2', () => {
  type Recorded = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };
  const requests: Recorded[] = [];
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"MessageId":"x"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends From, To, the UTF-8 subject, both bodies and the idempotency header', async () => {
    const mailer = new SesMailer({
      from: '帮扶通 <noreply@bangfu.example>',
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    });
    expect(mailer.mode).toBe('ses');
    const m = makeMessage();
    await mailer.send(m);
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/email/outbound-emails');
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\//);
    expect(JSON.parse(req.body)).toEqual({
      FromEmailAddress: '帮扶通 <noreply@bangfu.example>',
      Destination: { ToAddresses: ['org1@qingshui.demo'] },
      Content: {
        Simple: {
          Subject: { Data: m.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: m.text, Charset: 'UTF-8' }, Html: { Data: m.html, Charset: 'UTF-8' } },
          Headers: [{ Name: 'X-Bangfu-Idempotency-Key', Value: m.idempotencyKey }],
        },
      },
    });
  });

  it('imports the SDK only on first send (the bundles leave it to the Lambda runtime)', () => {
    const source = readFileSync(path.resolve('functions/adapters/mail-ses.ts'), 'utf8');
    const topLevelImports = source.split('\n').filter((l) => /^import\b/.test(l) && l.includes('@aws-sdk/'));
    expect(topLevelImports.every((l) => l.startsWith('import type '))).toBe(true);
    expect(source).toContain("import('@aws-sdk/client-sesv2')");
  });
});

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
