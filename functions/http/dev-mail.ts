import { Hono } from 'hono';
import { listMail, readMail, type SinkMail } from '../adapters/mail-sink.js';
import { DEFAULT_TIME_ZONE } from '../../shared/tenant-defaults.js';

/**
 * The local mail page: what Bangfu "sent" in local mode, read from the sink's folder
 * (functions/adapters/mail-sink.ts). LOCAL MODE ONLY: functions/entries/local.ts mounts it; no Lambda
 * does, since on AWS the mail goes out through SES and the inboxes are real.
 *
 * Under the app's CSP (http/security-headers.ts): no script at all, the one inline <style> that
 * style-src 'unsafe-inline' allows, and a message's HTML in a sandboxed srcdoc iframe (no script,
 * no same-origin, no form) that inherits the same policy, so remote images stay blocked too.
 */

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: DEFAULT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const time = (iso: string | null) => (iso ? TIME.format(new Date(iso)) : '—');

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; font: 14px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: #f5f6f8; color: #1f2329; }
  main { max-width: 960px; margin: 0 auto; padding: 24px 16px 48px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .note { color: #646a73; margin: 0 0 20px; }
  .card { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); overflow: hidden; margin-bottom: 16px; }
  table { width: 100%; border-collapse: collapse; }
  th, td { padding: 10px 14px; text-align: left; border-bottom: 1px solid #eef0f3; vertical-align: top; }
  th { background: #fafbfc; color: #646a73; font-weight: 500; white-space: nowrap; }
  tr:last-child td { border-bottom: 0; }
  th.time { width: 11em; } th.to { width: 16em; }
  td.time { white-space: nowrap; color: #646a73; font-variant-numeric: tabular-nums; }
  a { color: #1677ff; text-decoration: none; } a:hover { text-decoration: underline; }
  .empty { padding: 48px 16px; text-align: center; color: #8f959e; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; padding: 16px; }
  dt { color: #646a73; } dd { margin: 0; word-break: break-all; }
  h2 { font-size: 15px; margin: 0; padding: 12px 16px; border-bottom: 1px solid #eef0f3; }
  pre { margin: 0; padding: 16px; white-space: pre-wrap; word-break: break-word; font: 13px/1.6 ui-monospace, Menlo, Consolas, monospace; }
  iframe { display: block; width: 100%; height: 480px; border: 0; resize: vertical; background: #fff; }
  .back { display: inline-block; margin-bottom: 12px; }
  @media (max-width: 600px) { th.to, td.to { display: none; } }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const mailHref = (m: Pick<SinkMail, 'file'>) => `/dev/mail/${encodeURIComponent(m.file)}`;

function listPage(items: SinkMail[]): string {
  const rows = items
    .map(
      (m) =>
        `<tr><td class="time">${esc(time(m.receivedAt))}</td><td class="to">${esc(m.to)}</td><td><a href="${esc(mailHref(m))}">${esc(m.subject || '（无主题）')}</a></td></tr>`,
    )
    .join('\n');
  const table = items.length
    ? `<table>\n<thead><tr><th class="time">时间</th><th class="to">收件人</th><th>主题</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`
    : '<p class="empty">还没有邮件。申请加入、邀请、重置密码和通知邮件都会出现在这里。</p>';
  return page(
    '本地邮件 · 帮扶通',
    `<h1>本地邮件</h1>
<p class="note">本地模式下发出的邮件不会离开本机，都收在这里（最新的在前，显示 ${items.length} 封）。<a href="/dev/mail.json">JSON</a></p>
<div class="card">${table}</div>`,
  );
}

/** http(s) links in plain text become clickable; everything else stays escaped text. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'\u3000-\u303f\uff00-\uffef]+/g;

function linkify(text: string): string {
  let out = '';
  let at = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    // a sentence's closing punctuation is not part of the link
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    out += esc(text.slice(at, match.index)) + `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(url)}</a>`;
    at = match.index + url.length;
  }
  return out + esc(text.slice(at));
}

/** The message's own HTML, for a sandboxed frame: its links open in a new tab, not inside the frame. */
const frameDocument = (html: string) => `<!doctype html><meta charset="utf-8"><base target="_blank">${html}`;

function messagePage(m: SinkMail): string {
  const headers: [string, string][] = [
    ['收件人', m.to],
    ['发件人', m.from],
    ['主题', m.subject],
    ['日期', time(m.date)],
    ['收到', time(m.receivedAt)],
    ['Message-ID', m.messageId ?? '—'],
    ['幂等键', m.idempotencyKey ?? '—'],
  ];
  const html = m.html
    ? `<div class="card"><h2>HTML 版本</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" title="HTML 版本" srcdoc="${esc(frameDocument(m.html))}"></iframe></div>`
    : '';
  return page(
    `${m.subject || '（无主题）'} · 本地邮件 · 帮扶通`,
    `<a class="back" href="/dev/mail">← 全部邮件</a>
<h1>${esc(m.subject || '（无主题）')}</h1>
<div class="card"><dl>
${headers.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('\n')}
</dl></div>
<div class="card"><h2>纯文本版本</h2><pre>${linkify(m.text)}</pre></div>
${html}`,
  );
}

const notFoundPage = () =>
  page(
    '找不到这封邮件 · 帮扶通',
    '<a class="back" href="/dev/mail">← 全部邮件</a>\n<h1>找不到这封邮件</h1>\n<p class="note">它可能已被删除，或者链接不完整。</p>',
  );

/** The routes of the local mail page over the sink's folder `dir`. */
export function devMailRoutes(dir: string) {
  const app = new Hono();
  // always the folder as it is now: a reload after a send must show the new message
  app.use('/dev/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.get('/dev/mail', async (c) => c.html(listPage(await listMail(dir))));
  app.get('/dev/mail.json', async (c) => c.json({ items: await listMail(dir) }));
  app.get('/dev/mail/:file', async (c) => {
    const m = await readMail(dir, c.req.param('file'));
    return m ? c.html(messagePage(m)) : c.html(notFoundPage(), 404);
  });
  return app;
}
